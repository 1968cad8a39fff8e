"""Exports of a tiny random BERT: ONNX (float and int8) and TFLite round trips, verification failures that keep
nothing, and `OnnxPredictor` answering like `Predictor` in a process where TensorFlow and Keras cannot be imported."""
import json, subprocess, sys
from pathlib import Path
import numpy as np, pytest
pytest.importorskip('onnxruntime'); pytest.importorskip('tf2onnx'); pytest.importorskip('tokenizers')
import ktrain_lit.export as ex
from ktrain_lit.export import export_onnx, export_tflite, tflite_runner, verify_inputs, TFLITE_FILE
from ktrain_lit.onnx_predictor import OnnxPredictor
from ktrain_lit.models import transformer, set_exact_gelu
from ktrain_lit.predictor import Predictor, INFO_FILE

TEXTS = ['short', 'a rather longer sentence than the first, with more pieces', 'Ünïcödé accents and CAPITALS!', 'x ' * 100, '']

@pytest.fixture(scope='module')
def model(tiny):
    return transformer('bert', tiny, maxlen=32, class_names=['a', 'b'], seed=0)

@pytest.fixture(scope='module')
def onnx_dir(model, tmp_path_factory):
    return export_onnx(model, tmp_path_factory.mktemp('onnx')/'export')

def test_onnx_folder_and_predictor(model, onnx_dir):
    names = {p.relative_to(onnx_dir).as_posix() for p in onnx_dir.rglob('*') if p.is_file()}
    assert {'model.onnx', INFO_FILE, 'onnx_predictor.py', 'tokenizer/tokenizer.json', 'tokenizer/config.json'} <= names
    info = json.loads((onnx_dir/INFO_FILE).read_text())
    assert (info['class_names'], info['maxlen'], info['graph'], info['quantized']) == (['a', 'b'], 32, 'model.onnx', False)
    op, kp = OnnxPredictor(onnx_dir), Predictor(model)
    np.testing.assert_allclose(op.predict_proba(TEXTS), kp.predict_proba(TEXTS), atol=1e-5)
    assert op.predict(TEXTS) == kp.predict(TEXTS) and op.predict('short') == kp.predict('short')
    assert [len(t) for t, _ in op.encode(TEXTS)] == [len(t) for t, _ in model.preprocessor.encode(TEXTS)]   # truncation to maxlen included
    pairs = [('A man plays.', 'Someone makes music.'), ('word ' * 40, 'short')]
    assert [(t.tolist(), None if s is None else s.tolist()) for t, s in model.preprocessor.encode(pairs)] == op.encode(pairs)

def test_exact_gelu_converts(tiny, tmp_path):
    "TensorFlow's exact GELU uses `erfc`, which ONNX lacks: the export must still load in ONNX Runtime."
    m = transformer('bert', tiny, maxlen=32, class_names=['a', 'b'], seed=0)
    set_exact_gelu(m.backbone)
    np.testing.assert_allclose(OnnxPredictor(export_onnx(m, tmp_path/'e')).predict_proba(TEXTS), Predictor(m).predict_proba(TEXTS), atol=1e-5)

@pytest.mark.parametrize('task,names', [('multilabel', ['x', 'y', 'z']), ('regression', [])])
def test_other_tasks(tiny, tmp_path, task, names):
    m = transformer('bert', tiny, maxlen=32, class_names=names, task=task, seed=0)
    kp = Predictor(m, threshold=0.5)
    op = OnnxPredictor(kp.export_to_onnx(tmp_path/task))
    np.testing.assert_allclose(op.predict_proba(TEXTS), kp.predict_proba(TEXTS), atol=1e-5)
    got, want = op.predict(TEXTS), kp.predict(TEXTS)
    if task == 'regression': np.testing.assert_allclose(got, want, atol=1e-5)
    else: assert [[c for c, _ in r] for r in got] == [[c for c, _ in r] for r in want]

def test_verification_failure_keeps_nothing(model, tmp_path, monkeypatch):
    monkeypatch.setattr(ex, 'ONNX_TOL', -1.0)   # nothing can pass: the export must raise and leave no folder
    with pytest.raises(ValueError, match='differs from Keras'): export_onnx(model, tmp_path/'bad')
    assert list(tmp_path.iterdir()) == []

def test_conversion_failures_raise(model, tmp_path, monkeypatch):
    def broken(*a, **k): raise TypeError('tf2onnx choked')
    monkeypatch.setattr(type(model), 'export', broken)
    with pytest.raises(RuntimeError, match='The ONNX conversion failed.*tf2onnx choked'): export_onnx(model, tmp_path/'x')
    monkeypatch.setattr(type(model), 'export', lambda *a, **k: None)   # ktrain's silent failure: "success", no file
    with pytest.raises(RuntimeError, match='wrote no model.onnx'): export_onnx(model, tmp_path/'y')
    with pytest.raises(RuntimeError, match='wrote no model.tflite'): export_tflite(model, tmp_path/'z')
    assert list(tmp_path.iterdir()) == []

def test_quantized(model, tmp_path):
    q = export_onnx(model, tmp_path/'q', quantize=True)
    assert json.loads((q/INFO_FILE).read_text())['quantized'] and not (q/'float.onnx').exists()
    np.testing.assert_allclose(OnnxPredictor(q).predict_proba(TEXTS), Predictor(model).predict_proba(TEXTS), atol=ex.QUANTIZED_TOL)

@pytest.mark.parametrize('pooling', ['cls', 'mean', 'max', 'last'])   # no pooling may leave a Flex op (a new-axis slice) the interpreter rejects
def test_tflite_round_trip(tiny, tmp_path, pooling):
    model = transformer('bert', tiny, maxlen=32, class_names=['a', 'b'], pooling=pooling, seed=0)
    lite = export_tflite(model, tmp_path/'lite')
    x = verify_inputs(model)
    np.testing.assert_allclose(tflite_runner(lite/TFLITE_FILE)(x), model(x).numpy(), atol=1e-5)
    assert json.loads((lite/INFO_FILE).read_text())['graph'] == 'model.tflite'

BLOCKED = r'''
import sys, json, importlib.abc, importlib.util
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('tensorflow', 'keras', 'keras_hub', 'tensorflow_text', 'ktrain_lit'): raise ImportError(f'blocked: {name}')
sys.meta_path.insert(0, Block())
folder = sys.argv[1]
spec = importlib.util.spec_from_file_location('onnx_predictor', folder + '/onnx_predictor.py')
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
p = mod.OnnxPredictor(folder)
texts = json.loads(sys.argv[2])
print(json.dumps(dict(labels=p.predict(texts), proba=p.predict(texts, return_proba=True).tolist(),
                      tf=any(m.split('.')[0] in ('tensorflow', 'keras') for m in sys.modules))))
'''

def test_onnx_predictor_without_tensorflow(model, onnx_dir):
    r = subprocess.run([sys.executable, '-c', BLOCKED, str(onnx_dir), json.dumps(TEXTS)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    kp = Predictor(model)
    assert out['labels'] == kp.predict(TEXTS) and not out['tf']
    np.testing.assert_allclose(out['proba'], kp.predict_proba(TEXTS), atol=1e-5)

def test_sentence_pairs(tiny, tmp_path):
    m = transformer('bert', tiny, maxlen=32, class_names=['a', 'b'], seed=0)
    m.pairs = True   # what the learner records for a model trained on `(text_a, text_b)` pairs
    pairs = [('A man plays a guitar.', 'Someone makes music.'), ('word ' * 40, 'short')]
    op, kp = OnnxPredictor(export_onnx(m, tmp_path/'p')), Predictor(m)
    np.testing.assert_allclose(op.predict_proba(pairs), kp.predict_proba(pairs), atol=1e-5)
    with pytest.raises(ValueError, match='reads sentence pairs'): op.predict(['just one text'])

@pytest.mark.parametrize('family', ['gpt2', 'roberta'])
def test_bpe_without_tokenizer_json(family, tmp_path):
    "A byte-level BPE checkpoint without a `tokenizer.json` (as keras-hub presets are) still exports a folder that serves raw text."
    import shutil
    src = Path(__file__).parent/'fixtures'/'hf'/family
    ckpt = tmp_path/family; shutil.copytree(src, ckpt); (ckpt/'tokenizer.json').unlink()
    m = transformer(family, ckpt, maxlen=32, class_names=['a', 'b'], seed=0)
    texts = [t['text'] if isinstance(t, dict) else t for t in json.loads((src/'reference.json').read_text())['tricky']]
    op = OnnxPredictor(export_onnx(m, tmp_path/'onnx'))
    assert [t for t, _ in op.encode(texts)] == [list(t) for t, _ in m.preprocessor.encode(texts)]
    np.testing.assert_allclose(op.predict_proba(texts), Predictor(m).predict_proba(texts), atol=1e-5)
