"""Issue 16, items 1 and 2, through the public API (`from ktrain_lit import text`): ktrain's transformer names in
`text_classifier`/`text_regression_model`, and ktrain's `text.Transformer` (signatures as tests/fixtures/ktrain_api.json
lists them, every method, bad input named by its argument). All on the tiny fixture checkpoints of tests/fixtures/hf
(and the bundled MiniLM for `preprocess_mode='bert'`); nothing is downloaded."""
import inspect, json, warnings
from pathlib import Path
import numpy as np, pytest
import ktrain_lit as ktrain
from ktrain_lit import text

HF = Path(__file__).resolve().parent/'fixtures'/'hf'
API = {e['name']: e['params'] for e in json.loads((Path(__file__).parent/'fixtures'/'ktrain_api.json').read_text())['entries']}
TEXTS = ['a good film', 'a bad film', 'a great movie', 'an awful movie', 'loved it', 'hated it'] * 4
LABELS = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg'] * 4

@pytest.fixture
def named(tmp_path, monkeypatch):
    "`$KTRAIN_LIT_MODELS` where 'distilbert-base-uncased' (ktrain's preprocess_mode='distilbert') is the tiny DistilBERT."
    d = tmp_path/'models'; d.mkdir()
    (d/'distilbert-base-uncased').symlink_to(HF/'distilbert', target_is_directory=True)
    monkeypatch.setenv('KTRAIN_LIT_MODELS', str(d))
    return d

def load(mode, labels=LABELS, **kw):
    return text.texts_from_array(TEXTS, labels, preprocess_mode=mode, maxlen=16, val_pct=0.25, random_state=0, verbose=0, **kw)

@pytest.fixture(scope='module')
def standard(): return load('standard')

# ---------------------------------------------------------------------------------------------------------------
# signatures: ktrain's parameters, in ktrain's order, with ktrain's defaults (ours may add keywords after them)

@pytest.mark.parametrize('ktrain_name, ours', [
    ('text_classifier', lambda: text.text_classifier), ('text_regression_model', lambda: text.text_regression_model),
    ('Transformer.__init__', lambda: text.Transformer.__init__), ('Transformer.preprocess_train', lambda: text.Transformer.preprocess_train),
    ('Transformer.preprocess_test', lambda: text.Transformer.preprocess_test),
    ('TransformersPreprocessor.get_classifier', lambda: text.Transformer.get_classifier),
    ('TransformersPreprocessor.get_regression_model', lambda: text.Transformer.get_regression_model),
    ('TransformersPreprocessor.get_model', lambda: text.Transformer.get_model),
    ('TransformersPreprocessor.get_tokenizer', lambda: text.Transformer.get_tokenizer),
    ('TransformersPreprocessor.set_tokenizer', lambda: text.Transformer.set_tokenizer),
    ('TransformersPreprocessor.save_tokenizer', lambda: text.Transformer.save_tokenizer),
    ('TransformersPreprocessor.get_config', lambda: text.Transformer.get_config),
    ('TransformersPreprocessor.set_config', lambda: text.Transformer.set_config),
    ('TransformersPreprocessor.get_preprocessor', lambda: text.Transformer.get_preprocessor),
    ('TextPreprocessor.seqlen_stats', lambda: text.Transformer.seqlen_stats)])
def test_ktrain_signature(ktrain_name, ours):
    params = [p for p in inspect.signature(ours()).parameters.values() if p.name != 'self']
    theirs = API[ktrain_name]
    assert [p.name for p in params[:len(theirs)]] == [n for n, _ in theirs]
    for p, (n, default) in zip(params, theirs):
        if ktrain_name == 'Transformer.__init__' and n == 'model_name': continue   # ours defaults to the bundled checkpoint
        assert (repr(p.default) if p.default is not inspect.Parameter.empty else None) == default, (n, p.default, default)

# ---------------------------------------------------------------------------------------------------------------
# text_classifier / text_regression_model with ktrain's transformer names

def test_names_listed(capsys):
    text.print_text_classifiers(); text.print_text_regression_models()
    out = capsys.readouterr().out
    assert out.count('\nbert: ') == 2 and out.count('\ndistilbert: ') == 2

def test_distilbert_mode(named):
    trn, val, pre = load('distilbert')
    model = text.text_classifier('distilbert', train_data=trn, preproc=pre, verbose=0)
    assert (model.family, model.task, model.class_names, model.maxlen) == ('distilbert', 'classification', ['neg', 'pos'], 16)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=4)
    learner.fit_onecycle(1e-4, 1, verbose=0)
    p = ktrain.get_predictor(learner.model, pre)
    assert p.predict(['a good film'])[0] in ('neg', 'pos')

def test_bert_mode_is_the_bundled_minilm():
    trn, _, pre = load('bert')
    model = text.text_classifier('bert', trn, preproc=pre, seed=0, verbose=0)
    assert (model.family, model.pooling, model.head.units) == ('bert', 'mean', 2)

def test_bert_name_with_a_bert_checkpoint_folder():
    trn, _, pre = load(str(HF/'bert'))
    model = text.text_classifier('bert', trn, pre, verbose=0, pooling='cls', dropout=0.2)
    assert (model.family, model.pooling) == ('bert', 'cls')
    with pytest.raises(TypeError, match="`embed_dim`: not a setting of 'bert'"): text.text_classifier('bert', trn, pre, verbose=0, embed_dim=8)

def test_transformer_regression(named):
    trn, _, pre = load('distilbert', labels=[float(i % 5) + 0.5 for i in range(len(TEXTS))], is_regression=True)
    model = text.text_regression_model('distilbert', trn, pre, verbose=0)
    assert (model.task, model.head.units, model.class_names) == ('regression', 1, [])
    with pytest.raises(ValueError, match='use `text_regression_model`'): text.text_classifier('distilbert', trn, pre, verbose=0)

def test_mode_and_name_mismatches(standard, named):
    trn, _, pre = standard
    with pytest.raises(ValueError, match=r"build it with `text.transformer\("): text.text_classifier('bert', trn, pre, verbose=0)
    with pytest.raises(ValueError, match=r"build it with `text.transformer\("): text.text_regression_model('distilbert', trn, pre, verbose=0)
    dtrn, _, dpre = load('distilbert')
    with pytest.raises(ValueError, match=r"For transformer modes use `text.transformer") as e: text.text_classifier('nbsvm', dtrn, dpre, verbose=0)
    assert '`preproc`' in str(e.value)
    with pytest.raises(ValueError, match=r"`name` 'bert' needs data loaded with preprocess_mode='bert'.*preprocess_mode='distilbert'"):
        text.text_classifier('bert', dtrn, dpre, verbose=0)
    with pytest.raises(ValueError, match=r"choose one of \['fasttext', 'logreg', 'nbsvm', 'bigru', 'standard_gru'\]"):
        text.text_classifier('svm', trn, pre, verbose=0)

def test_preproc_required(standard):
    trn, _, pre = standard
    assert text.text_classifier('nbsvm', trn, verbose=0).class_names == pre.class_names   # found on the loader's word ids
    texts = (list(trn[0].texts), trn[1])                                                  # plain texts carry none
    for f, name in ((text.text_classifier, 'nbsvm'), (text.text_regression_model, 'linreg')):
        with pytest.raises(ValueError, match=r'`preproc` must be the TextPreprocessor a `texts_from_\*` loader returned') as e: f(name, texts, verbose=0)
        assert 'required' in str(e.value)
        with pytest.raises(TypeError, match='`preproc` must be the TextPreprocessor.*not dict'): f(name, trn, preproc={}, verbose=0)

def test_metrics(standard):
    trn, _, pre = standard
    with warnings.catch_warnings():
        warnings.simplefilter('error')   # the defaults and the task's own metrics: no warning
        text.text_classifier('logreg', trn, pre, verbose=0); text.text_classifier('logreg', trn, pre, metrics=['accuracy'], verbose=0)
    with pytest.warns(UserWarning, match=r"`metrics`=\['AUC'\]: accepted for ktrain compatibility.*classification model with its task's metrics, \['accuracy'\]"):
        text.text_classifier('logreg', trn, pre, metrics=['AUC'], verbose=0)
    with pytest.raises(TypeError, match='`metrics` must be None'): text.text_classifier('logreg', trn, pre, metrics=3, verbose=0)

def test_multilabel_checked(standard):
    trn, _, pre = standard
    text.text_classifier('logreg', trn, pre, multilabel=False, verbose=0)
    with pytest.raises(ValueError, match='`multilabel=True` but the labels make a classification task'): text.text_classifier('logreg', trn, pre, multilabel=True, verbose=0)
    with pytest.raises(TypeError, match='`multilabel` must be None, True or False'): text.text_classifier('logreg', trn, pre, multilabel='yes', verbose=0)
    mtrn, _, mpre = load('standard', labels=[[1, 0, 1], [0, 1, 0]] * 12, class_names=['a', 'b', 'c'])
    assert text.text_classifier('fasttext', mtrn, mpre, verbose=0).task == 'multilabel'   # inferred
    with pytest.raises(ValueError, match='`multilabel=False` but the labels make a multilabel task'):
        text.text_classifier('fasttext', mtrn, mpre, multilabel=False, verbose=0)

# ---------------------------------------------------------------------------------------------------------------
# text.Transformer

@pytest.fixture
def t(): return text.Transformer(str(HF/'bert'), maxlen=32, class_names=['neg', 'pos'])

def test_transformer_arguments(t):
    assert (t.family, t.maxlen, t.get_classes(), t.batch_size, t.use_with_learner) == ('bert', 32, ['neg', 'pos'], None, True)
    assert text.Transformer(str(HF/'bert'), maxlen=32, classes=['neg', 'pos']).get_classes() == ['neg', 'pos']
    with pytest.raises(ValueError, match='`class_names`.*`classes`.*differ'): text.Transformer(str(HF/'bert'), class_names=['a', 'b'], classes=['b', 'a'])
    with pytest.raises(TypeError, match='`classes` must be a list'): text.Transformer(str(HF/'bert'), classes='neg')
    with pytest.raises(ValueError, match='`batch_size`'): text.Transformer(str(HF/'bert'), batch_size=0)
    with pytest.raises(TypeError, match='`use_with_learner`'): text.Transformer(str(HF/'bert'), use_with_learner=None)
    with pytest.raises(ValueError, match='`maxlen`'): text.Transformer(str(HF/'bert'), maxlen=0)
    with pytest.raises(FileNotFoundError, match='no-such-model'): text.Transformer('no-such-model')
    with pytest.warns(UserWarning, match='use_with_learner=False'): text.Transformer(str(HF/'bert'), batch_size=8, use_with_learner=False)
    with pytest.warns(UserWarning, match='above this model'): assert text.Transformer(str(HF/'bert'), maxlen=100000).maxlen < 100000

def test_preprocess(t):
    x, y = t.preprocess_train(TEXTS, [1, 0] * 12, verbose=0)
    assert (x.tolist(), y.tolist(), t.task) == (TEXTS, [1, 0] * 12, 'classification')
    assert t.preprocess_test(['fine'], ['pos'], verbose=0)[1].tolist() == [1]
    assert t.preprocess_test(['fine'], verbose=0)[1] is None
    s = text.Transformer(str(HF/'bert'), maxlen=32)
    assert s.preprocess_train(TEXTS, LABELS, verbose=0)[1].tolist()[:2] == [1, 0] and s.get_classes() == ['neg', 'pos']   # learned
    with pytest.raises(ValueError, match='`y` is required'): t.preprocess_train(TEXTS)
    with pytest.raises(ValueError, match='`mode`'): t.preprocess_train(TEXTS, LABELS, mode='val')
    with pytest.raises(TypeError, match='`texts`'): t.preprocess_train(5, [1])
    with pytest.raises(ValueError, match='`y`'): t.preprocess_train(TEXTS, [1, 0])
    with pytest.raises(ValueError, match="'neutral'"): s.preprocess_test(['fine'], ['neutral'])

def test_preprocess_prints(t, capsys):
    t.preprocess_train(TEXTS, LABELS)
    out = capsys.readouterr().out
    assert 'Is Multi-Label? False' in out and 'train sequence lengths (word pieces): mean' in out

def test_regression_inferred_as_ktrain():
    r = text.Transformer(str(HF/'distilbert'), maxlen=32)
    with pytest.warns(UserWarning, match='REGRESSION'): r.preprocess_train(TEXTS, [1, 7, 9, 3] * 6, verbose=0)
    assert r.task == 'regression'
    m = r.get_model()
    assert (m.task, m.head.units, m.family) == ('regression', 1, 'distilbert')
    with pytest.raises(ValueError, match=r'use `get_regression_model\(\)`'): r.get_classifier()

def test_models(t, tmp_path):
    t.preprocess_train(TEXTS, LABELS, verbose=0)
    m = t.get_classifier()
    assert (m.task, m.class_names, t.get_model().class_names) == ('classification', ['neg', 'pos'], ['neg', 'pos'])
    with pytest.raises(ValueError, match=r'use `get_classifier\(\)`'): t.get_regression_model()
    with pytest.raises(ValueError, match='`multilabel=True` but the labels make a classification task'): t.get_classifier(multilabel=True)
    with pytest.warns(UserWarning, match='accepted for ktrain compatibility'): t.get_classifier(metrics=['AUC'])
    ml = text.Transformer(str(HF/'bert'), maxlen=32, class_names=['a', 'b', 'c'])
    ml.preprocess_train(TEXTS, [[1, 0, 1], [0, 1, 0]] * 12, verbose=0)
    assert ml.get_classifier(multilabel=None, metrics=['binary_accuracy']).task == 'multilabel'

def test_fpath_round_trip(t, tmp_path):
    "Weights saved by a learner come back through `get_classifier(fpath=...)` (folder, .keras file); another head is refused."
    trn = t.preprocess_train(TEXTS, LABELS, verbose=0)
    learner = ktrain.get_learner(t.get_classifier(), train_data=trn, batch_size=8, seed=0)
    learner.fit_onecycle(1e-3, 1, verbose=0)
    learner.save_model(tmp_path/'saved')
    learner.model.save(tmp_path/'m.keras')
    x = learner.model.preprocessor.encode(TEXTS[:4])
    want = learner.model.predict_encoded(x)
    for f in (tmp_path/'saved', tmp_path/'m.keras', str(tmp_path/'m.keras')):
        np.testing.assert_allclose(t.get_classifier(fpath=f).predict_encoded(x), want, atol=1e-5)
    np.testing.assert_allclose(t.get_model(fpath=tmp_path/'saved').predict_encoded(x), want, atol=1e-5)
    other = text.Transformer(str(HF/'bert'), maxlen=32, class_names=['a', 'b', 'c'])
    with pytest.raises(ValueError, match='does not fit this model'): other.get_classifier(fpath=tmp_path/'m.keras')
    with pytest.raises(FileNotFoundError, match='`fpath`'): t.get_classifier(fpath=tmp_path/'missing')
    with pytest.raises(TypeError, match='`fpath`'): t.get_classifier(fpath=3)
    (tmp_path/'notes.txt').write_text('x')
    with pytest.raises(ValueError, match='`fpath`'): t.get_classifier(fpath=tmp_path/'notes.txt')

def test_tokenizer_methods(t, tmp_path):
    tok = t.get_tokenizer()
    assert isinstance(tok, text.TransformerTokenizer) and t.get_preprocessor() == (tok, None)
    assert t.get_config()['model_type'] == 'bert'
    t.set_config(t.get_config())   # unchanged: no warning
    with pytest.warns(UserWarning, match=r"`config` changes \['hidden_dropout_prob'\]"): t.set_config({**t.get_config(), 'hidden_dropout_prob': 0.3})
    assert t.get_config()['hidden_dropout_prob'] == 0.3
    with pytest.raises(TypeError, match='`config` must be a dict'): t.set_config('bert')
    folder = t.save_tokenizer(tmp_path/'tok')
    assert (folder/'tokenizer.json').is_file()
    t.save_tokenizer(tmp_path/'tok')   # a saved tokenizer is replaced
    t2 = text.Transformer(str(HF/'bert'), maxlen=32)
    assert t2.get_tokenizer(tmp_path/'tok').encode(['a good film'])[0][0].tolist() == tok.encode(['a good film'])[0][0].tolist()
    t2.set_tokenizer(tok)
    assert t2.get_tokenizer() is tok
    with pytest.raises(TypeError, match='`tokenizer`'): t2.set_tokenizer('bert')
    with pytest.raises(ValueError, match='`tokenizer` is a distilbert tokenizer'): t2.set_tokenizer(text.TransformerTokenizer(HF/'distilbert', 32))
    (tmp_path/'user').mkdir(); (tmp_path/'user'/'mine.txt').write_text('keep me')
    with pytest.raises(FileExistsError): t.save_tokenizer(tmp_path/'user')
    assert (tmp_path/'user'/'mine.txt').read_text() == 'keep me'
    with pytest.raises(ValueError, match='existing file'): t.save_tokenizer(tmp_path/'user'/'mine.txt')
    with pytest.raises(FileNotFoundError, match='`fpath`'): t.get_tokenizer(tmp_path/'nothing')

def test_seqlen_stats(t):
    s = t.seqlen_stats(TEXTS)
    n = t.lengths(TEXTS)
    assert list(s) == ['mean', '95percentile', '99percentile']
    assert s == {'mean': float(n.mean()), '95percentile': float(np.percentile(n, 95)), '99percentile': float(np.percentile(n, 99))}
    with pytest.raises(TypeError, match='texts'): t.seqlen_stats(3)

def test_transformer_end_to_end(tmp_path):
    "ktrain's MRPC-style program: pairs, a learner, a predictor given the Transformer, saved and reloaded."
    t = text.Transformer(str(HF/'bert'), maxlen=32, class_names=['not paraphrase', 'paraphrase'])
    pairs = [('a man plays', 'someone plays'), ('a cat sleeps', 'the stock fell')] * 6
    trn, val = t.preprocess_train(pairs, [1, 0] * 6, verbose=0), t.preprocess_test(pairs[:4], [1, 0, 1, 0], verbose=0)
    learner = ktrain.get_learner(t.get_classifier(), train_data=trn, val_data=val, batch_size=4, seed=0)
    learner.fit_onecycle(1e-3, 1, verbose=0)
    p = ktrain.get_predictor(learner.model, t)
    again = ktrain.load_predictor(p.save(tmp_path/'p'))
    assert again.predict(pairs[0]) == p.predict(pairs[0]) and p.get_classes() == ['not paraphrase', 'paraphrase']

def test_transformer_by_hugging_face_name(named):
    "ktrain's programs name checkpoints as Hugging Face does; the name resolves locally (`$KTRAIN_LIT_MODELS`), never downloads."
    t = text.Transformer('distilbert-base-uncased', maxlen=32, classes=['neg', 'pos'])
    t.preprocess_train(TEXTS, [1, 0] * 12, verbose=0)
    m = t.get_classifier()
    assert (t.family, m.family, t.get_config()['model_type'], t.model_name) == ('distilbert', 'distilbert', 'distilbert', 'distilbert-base-uncased')
