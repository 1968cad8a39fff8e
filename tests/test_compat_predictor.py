"""ktrain's predictor API, called the way ktrain users call it (issue 16): `get_predictor(learner.model, preproc,
batch_size=32)`, `predict` on a string and on a list, `return_proba`, `predict_proba`, `get_classes`,
`save`/`load_predictor(fpath)`, `explain(doc, truncate_len, all_targets, n_samples)`, `export_model_to_onnx` +
`create_onnx_session`, and `export_model_to_tflite`.

The model is a tiny random BERT from the fixture checkpoint tests/fixtures/hf/bert (two layers of width 32, loaded as
a user's Hugging Face folder: nothing is downloaded), trained for one epoch through ktrain's own calls so that the
predictor is one a ktrain program would have. Exported graphs must answer as Keras does: the ONNX graph within
`ONNX_TOL` (1e-4) and the TFLite graph within `TFLITE_TOL` (1e-3), the tolerances the exports themselves are
verified to; the reloaded predictor within 1e-6 (the same weights, read back)."""
import inspect, json
from pathlib import Path
import numpy as np, pytest
import ktrain_lit as ktrain
from ktrain_lit import text
import ktrain_lit.explain   # adds `Predictor.explain`
from ktrain_lit.explain import Explanation, Explanations

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT = ROOT/'tests'/'fixtures'/'hf'/'bert'
API = {e['name']: e['params'] for e in json.loads((ROOT/'tests'/'fixtures'/'ktrain_api.json').read_text())['entries']}

POS = ['a wonderful film', 'great acting and a lovely story', 'superb, moving and funny', 'I loved every minute',
       'a delight from start to end', 'brilliant work', 'a fine and charming film', 'the best film this year']
NEG = ['a dull film', 'terrible acting and a silly story', 'boring, slow and predictable', 'I hated every minute',
       'a mess from start to end', 'awful work', 'a tedious and clumsy film', 'the worst film this year']
DOC = 'The acting is superb, but the script is a tedious, predictable mess.'
TEXTS = ['What a great movie!', 'Dull and far too long.', 'Héllo naïve café!', 'x ' * 100]


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    "A learner and preprocessor as a ktrain program makes them (the tiny fixture checkpoint in place of 'bert')."
    x, y = POS + NEG, ['positive'] * len(POS) + ['negative'] * len(NEG)
    trn, val, preproc = text.texts_from_array(x_train=x, y_train=y, class_names=['negative', 'positive'],
                                              preprocess_mode=str(CHECKPOINT), maxlen=32, val_pct=0.25, random_state=0, verbose=0)
    model = text.text_classifier('bert', train_data=trn, preproc=preproc, verbose=0, seed=0)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=4)
    learner.fit_onecycle(1e-3, 1, verbose=0)
    return learner, preproc


@pytest.fixture(scope='module')
def predictor(trained):
    learner, preproc = trained
    return ktrain.get_predictor(learner.model, preproc, batch_size=32)


def params(f) -> list:
    "`(name, default)` of a callable's parameters, defaults as ktrain_api.json writes them (`repr`), `None` where required."
    ps = [p for p in inspect.signature(f).parameters.values() if p.name != 'self']
    return [(p.name, None if p.default is p.empty else repr(p.default)) for p in ps]


@pytest.mark.parametrize('ours, theirs', [('get_predictor', 'get_predictor'), ('Predictor.predict', 'TextPredictor.predict'),
                                          ('Predictor.predict_proba', 'TextPredictor.predict_proba'),
                                          ('Predictor.explain', 'TextPredictor.explain'), ('Predictor.save', 'Predictor.save'),
                                          ('Predictor.export_model_to_onnx', 'Predictor.export_model_to_onnx'),
                                          ('Predictor.export_model_to_tflite', 'Predictor.export_model_to_tflite'),
                                          ('Predictor.create_onnx_session', 'Predictor.create_onnx_session')])
def test_signatures_start_as_ktrains(ours, theirs):
    """Each call takes ktrain's parameters first, in ktrain's order, with ktrain's defaults (a parameter ktrain requires may
    have one here: `preproc`, which the model carries); this library's extras come after."""
    import ktrain_lit.export   # adds the export methods
    f = getattr(ktrain.Predictor, ours.split('.')[1]) if '.' in ours else getattr(ktrain, ours)
    got, want = params(f), [tuple(p) for p in API[theirs]]
    assert [n for n, _ in got[:len(want)]] == [n for n, _ in want], (got, want)
    assert [d for (_, d), (_, w) in zip(got, want) if w is not None] == [w for _, w in want if w is not None], (got, want)


def test_load_predictor_signature():
    "ktrain's `load_predictor(fpath, batch_size=32, custom_objects=None)`: here `batch_size=None` keeps the saved one (ktrain's 32 by default)."
    assert [n for n, _ in params(ktrain.load_predictor)] == [n for n, _ in API['load_predictor']]
    assert dict(params(ktrain.load_predictor))['custom_objects'] == 'None'


def test_predict_as_ktrain(predictor):
    "A string gives one answer, a list one answer per text; `return_proba` and `predict_proba` give the probabilities."
    assert predictor.get_classes() == ['negative', 'positive']
    one, many = predictor.predict(DOC), predictor.predict(TEXTS)
    assert isinstance(one, str) and one in predictor.get_classes()
    assert isinstance(many, list) and len(many) == len(TEXTS) and set(many) <= {'negative', 'positive'}
    p1, pn = predictor.predict(DOC, return_proba=True), predictor.predict(TEXTS, return_proba=True)
    assert p1.shape == (2,) and pn.shape == (len(TEXTS), 2)
    np.testing.assert_allclose(pn.sum(1), 1, atol=1e-5)
    np.testing.assert_allclose(predictor.predict_proba(DOC), p1, atol=1e-6)
    np.testing.assert_allclose(predictor.predict_proba(TEXTS, verbose=0), pn, atol=1e-6)
    assert one == predictor.get_classes()[int(np.argmax(p1))]
    assert many == [predictor.get_classes()[i] for i in pn.argmax(1)]
    assert predictor.predict(TEXTS, False, True, 0) == many   # ktrain's (texts, return_proba, use_tf_dataset, verbose), positionally
    assert predictor.predict(TEXTS, verbose=1) == many        # a progress bar, the same answers
    np.testing.assert_allclose(predictor.predict(TEXTS[:2]+TEXTS[2:], return_proba=True), pn, atol=1e-6)
    assert predictor.batch_size == 32


def test_the_model_learned(trained, predictor):
    "One epoch on the training sentences moves the predictions: the training texts are classified better than chance."
    learner, _ = trained
    right = np.mean([predictor.predict(t) == 'positive' for t in POS] + [predictor.predict(t) == 'negative' for t in NEG])
    assert right > 0.5, right   # 0.69 (11 of 16) here


def test_save_and_load_predictor(predictor, tmp_path):
    "`save(fpath)` then `load_predictor(fpath)`: the same classes and answers; `batch_size` overrides the saved one."
    fpath = str(tmp_path/'my_predictor')   # ktrain programs pass strings
    predictor.save(fpath)
    reloaded = ktrain.load_predictor(fpath)
    assert reloaded.get_classes() == predictor.get_classes() and reloaded.batch_size == 32
    assert reloaded.predict(TEXTS) == predictor.predict(TEXTS) and reloaded.predict(DOC) == predictor.predict(DOC)
    np.testing.assert_allclose(reloaded.predict_proba(TEXTS), predictor.predict_proba(TEXTS), atol=1e-6)
    assert ktrain.load_predictor(fpath, batch_size=8).batch_size == 8
    assert ktrain.load_predictor(fpath, custom_objects={}).predict(DOC) == predictor.predict(DOC)
    with pytest.raises(FileNotFoundError, match='`fpath`: no predictor folder'): ktrain.load_predictor(str(tmp_path/'nowhere'))


def test_explain_as_ktrain(predictor):
    "`explain(doc)`, ktrain's arguments positionally, and `all_targets=True` for every class."
    e = predictor.explain(DOC)
    assert isinstance(e, Explanation) and e.class_name == predictor.predict(DOC) and len(e.words) == len(e.weights)
    assert predictor.explain(DOC, 512, False, 2500).as_list() == e.as_list()
    es = predictor.explain(DOC, all_targets=True)
    assert isinstance(es, Explanations) and [x.class_name for x in es] == predictor.get_classes()
    np.testing.assert_allclose(es[0].weights, -es[1].weights, atol=1e-5)   # two classes: the drops mirror
    assert predictor.explain(DOC, truncate_len=4).words == ['The', 'acting', 'is', 'superb']
    lime = predictor.explain(DOC, n_samples=100, method='lime')
    assert lime.method == 'lime' and lime.class_name == e.class_name and np.isfinite(lime.weights).all()
    assert '<span' in es._repr_html_()


def test_onnx_as_ktrain(predictor, tmp_path):
    "`export_model_to_onnx(fpath, quantize=False)` returns the graph's path; `create_onnx_session` on it answers as Keras, within ONNX_TOL."
    pytest.importorskip('onnxruntime'); pytest.importorskip('tf2onnx')
    from ktrain_lit.export import ONNX_TOL
    from ktrain_lit.onnx_predictor import OnnxPredictor, pad_ids
    onnx_model_path = predictor.export_model_to_onnx(str(tmp_path/'model_onnx'), quantize=False, verbose=0)
    assert isinstance(onnx_model_path, str) and Path(onnx_model_path).is_file() and onnx_model_path.endswith('model.onnx')
    sess = predictor.create_onnx_session(onnx_model_path)
    assert sorted(i.name for i in sess.get_inputs()) == ['padding_mask', 'segment_ids', 'token_ids']
    x = pad_ids(predictor.model.preprocessor.encode(TEXTS))   # this library's inputs (ktrain's graphs took input_ids/attention_mask)
    out = sess.run(None, x)[0]
    want = predictor.predict_proba(TEXTS)
    assert np.abs(out - want).max() <= ONNX_TOL, np.abs(out - want).max()
    op = OnnxPredictor(Path(onnx_model_path).parent)   # the folder serves raw text without TensorFlow
    assert op.predict(TEXTS) == predictor.predict(TEXTS)
    np.testing.assert_allclose(op.predict_proba(TEXTS), want, atol=ONNX_TOL)
    sess2 = predictor.create_onnx_session(str(tmp_path/'model_onnx'), provider='CPUExecutionProvider')   # the folder works too
    np.testing.assert_allclose(sess2.run(None, x)[0], out, atol=1e-6)


def test_tflite_as_ktrain(predictor, tmp_path):
    "`export_model_to_tflite(fpath)` returns the graph's path; TFLite answers as Keras within TFLITE_TOL."
    from ktrain_lit.export import TFLITE_TOL, tflite_runner
    from ktrain_lit.onnx_predictor import pad_ids
    path = predictor.export_model_to_tflite(str(tmp_path/'model_tflite'), verbose=0)
    assert isinstance(path, str) and Path(path).is_file() and path.endswith('model.tflite')
    got = tflite_runner(path)(pad_ids(predictor.model.preprocessor.encode(TEXTS)))
    want = predictor.predict_proba(TEXTS)
    assert np.abs(np.asarray(got) - want).max() <= TFLITE_TOL, np.abs(np.asarray(got) - want).max()


def test_multilabel_as_ktrain(tmp_path):
    "A multi-label predictor answers every `(class, probability)` pair, as ktrain; a threshold keeps those above it."
    x = POS + NEG
    y = [[1, 0, 1]] * len(POS) + [[0, 1, 0]] * len(NEG)
    trn, val, preproc = text.texts_from_array(x, np.array(y), class_names=['good', 'bad', 'fun'], preprocess_mode=str(CHECKPOINT),
                                              maxlen=32, val_pct=0.25, random_state=0, verbose=0)
    learner = ktrain.get_learner(text.text_classifier('bert', trn, preproc=preproc, verbose=0, seed=0), trn, val, batch_size=4)
    predictor = ktrain.get_predictor(learner.model, preproc)
    out, p = predictor.predict(TEXTS), predictor.predict_proba(TEXTS)
    assert [[c for c, _ in r] for r in out] == [['good', 'bad', 'fun']] * len(TEXTS)
    np.testing.assert_allclose([[v for _, v in r] for r in out], p, atol=1e-6)
    assert predictor.predict(DOC, threshold=0.5) == [(c, float(v)) for c, v in zip(predictor.get_classes(), predictor.predict_proba(DOC)) if v > 0.5]
    predictor.save(tmp_path/'ml')
    assert ktrain.load_predictor(tmp_path/'ml').predict(DOC) == predictor.predict(DOC)
