"""TF.js exports run in Node.js: the example under examples/tfjs classifies like the Keras predictor, every family
exports and verifies (falling back to TF.js's plain-JavaScript backend where WebAssembly kernels fail), pairs keep their
segment ids, and bad input keeps nothing. Needs Node.js and the tools `make tfjs` installs (tests never install them)."""
import json, shutil, subprocess
from pathlib import Path
import numpy as np, pytest
from ktrain_lit.models import transformer
from ktrain_lit.predictor import Predictor, INFO_FILE
from ktrain_lit.tfjs import export_tfjs, run_tfjs, node_runtime, TFJS_FILE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT/'tests'/'fixtures'/'hf'
TEXTS = ['A gripping, beautifully acted film.', 'Dull.', 'Héllo naïve café!', 'x ' * 80]
pytestmark = pytest.mark.skipif(not shutil.which('node'), reason='Node.js is not installed')

@pytest.fixture(scope='module')
def model(tiny):
    return transformer('bert', tiny, maxlen=32, class_names=['negative', 'positive'], seed=0)

@pytest.fixture(scope='module')
def tfjs_dir(model, tmp_path_factory):
    return export_tfjs(model, tmp_path_factory.mktemp('tfjs')/'export')

def test_example_classifies_like_keras(model, tfjs_dir):
    (tfjs_dir/'node_modules').symlink_to(node_runtime()/'node_modules')   # what `npm install` in the folder gives
    try: r = subprocess.run(['node', str(ROOT/'examples'/'tfjs'/'classify.mjs'), str(tfjs_dir), *TEXTS], capture_output=True, text=True, timeout=300)
    finally: (tfjs_dir/'node_modules').unlink()
    assert r.returncode == 0, r.stderr[-3000:]
    rows = [l.split('\t') for l in r.stdout.splitlines() if l.count('\t') == 2]
    kp = Predictor(model)
    assert [label for label, _, _ in rows] == kp.predict(TEXTS)
    assert [text for _, _, text in rows] == TEXTS
    probs = np.array([[float(v.split('=')[1]) for v in p.split()] for _, p, _ in rows])
    np.testing.assert_allclose(probs, kp.predict_proba(TEXTS), atol=1e-5)

def test_folder(tfjs_dir):
    names = {p.relative_to(tfjs_dir).as_posix() for p in tfjs_dir.rglob('*') if p.is_file()}
    assert {TFJS_FILE, INFO_FILE, 'tfjs_predictor.mjs', 'package.json', 'tokenizer/tokenizer.json'} <= names
    assert json.loads((tfjs_dir/'package.json').read_text())['dependencies']['@tensorflow/tfjs'] == '4.22.0'
    assert not (tfjs_dir/'node_modules').exists()

@pytest.mark.parametrize('family', sorted(p.name for p in FIXTURES.iterdir()))
def test_family(family, tmp_path):
    "Each family's tiny checkpoint exports and answers from raw text in Node.js as in Keras."
    m = transformer(family, FIXTURES/family, maxlen=24, class_names=['a', 'b', 'c'], seed=0)
    out = run_tfjs(export_tfjs(m, tmp_path/family), *TEXTS)
    np.testing.assert_allclose(np.array([o['proba'] for o in out]), Predictor(m).predict_proba(TEXTS), atol=1e-4)

def test_pairs_regression(tiny, tmp_path):
    "A sentence-pair regression model: segment ids and the pair truncation carry over to JavaScript."
    from ktrain_lit.learner import get_learner
    m = transformer('bert', tiny, maxlen=24, seed=0)
    pairs = np.array([['A man plays a guitar.', 'Someone makes music.'], ['word ' * 30, 'short']])
    get_learner(m, (pairs, np.array([4.2, 0.5], 'float32')), batch_size=2)
    out = run_tfjs(export_tfjs(m, tmp_path/'pairs'), '--check', _check_file(tmp_path, pairs))
    want = Predictor(m).predict_proba([tuple(p) for p in pairs])
    np.testing.assert_allclose(np.array(out['texts'])[:, 0], want.reshape(-1), atol=1e-4)
    assert [list(t) for t, _ in m.preprocessor.encode([tuple(p) for p in pairs])] == out['ids']

def test_multilabel_answers_like_python(tiny, tmp_path):
    "A multi-label model: every [class, probability] pair by default, as Python's `predict` (and ktrain); with a threshold, those above it."
    m = transformer('bert', tiny, maxlen=24, task='multilabel', class_names=['plot', 'acting', 'music'], seed=0)
    m.head.set_weights([w * 30 for w in m.head.get_weights()])   # probabilities spread out: a threshold keeps some pairs, drops others
    d, kp = export_tfjs(m, tmp_path/'ml'), Predictor(m)
    for args, want in ((TEXTS, kp.predict(TEXTS)), (['--threshold', 0.5, *TEXTS], kp.predict(TEXTS, threshold=0.5))):
        out = run_tfjs(d, *args)
        assert [[c for c, _ in o['label']] for o in out] == [[c for c, _ in w] for w in want]
        np.testing.assert_allclose([v for o in out for _, v in o['label']], [v for w in want for _, v in w], atol=1e-5)
    assert all(len(o['label']) == 3 for o in run_tfjs(d, *TEXTS))

def _check_file(tmp_path, pairs):
    f = tmp_path/'check.json'
    f.write_text(json.dumps(dict(batch=dict(token_ids=[[2, 3]], segment_ids=[[0, 0]], padding_mask=[[1, 1]]), texts=pairs.tolist())))
    return f

def test_bad_input(model, tmp_path):
    with pytest.raises(ValueError, match="`quantize` must be one of"): export_tfjs(model, tmp_path/'q', quantize='int4')
    with pytest.raises(TypeError, match="`model` must be a ktrain_lit transformer model"): export_tfjs(object(), tmp_path/'o')
    with pytest.raises(ValueError, match='has no head yet'): export_tfjs(transformer('bert', model.preprocessor.folder), tmp_path/'h')
    with pytest.raises(FileExistsError, match='pass `overwrite=True`'): export_tfjs(model, tmp_path, overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
