"""The seed's workflow (tests/test_seed_workflow.py) with a strategy and a precision added, on the tiny random BERT:
mirrored over two logical CPU devices in `mixed_bfloat16`, then every step after training (validate, predict, save,
the three exports) as the seed does them. Each run is a fresh Python process: the CPU must be split into replicas
before TensorFlow starts."""
import json, os, subprocess, sys
import numpy as np, pytest

SEED = r'''
import json, sys
from pathlib import Path
from ktrain_lit.distributed import cpu_replicas, distribute
cpu_replicas(2)
import numpy as np
import ktrain_lit as ktrain
from ktrain_lit import text
from ktrain_lit.data import imdb_sample
from ktrain_lit.models import tiny_checkpoint
tmp, strategy, precision = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
imdb = imdb_sample(tmp/'imdb', n_per_class=16)
ckpt = tiny_checkpoint(tmp/'tiny')

# --- the seed, with `distribute(...)` around building the model ---
(x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(datadir=str(imdb), maxlen=500, preprocess_mode='standard', encode='utf-8')
with distribute(strategy, precision=precision):
    model = text.transformer('bert', str(ckpt), maxlen=500)
learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test), batch_size=8)
learner.fit_onecycle(lr=2e-5, epochs=1)
cm = learner.validate(class_names=["negative", "positive"])
predictor = ktrain.get_predictor(learner.model, preproc)
answer = predictor.predict(["This movie is amazing!"])
learner.model.save(str(tmp/'saved_model'))
learner.export_to_tfjs(str(tmp/'tfjs'))
learner.export_to_onnx(str(tmp/'onnx'))
# --- end of the seed ---

from ktrain_lit.onnx_predictor import OnnxPredictor
from ktrain_lit.tfjs import run_tfjs
reviews = list(x_test.texts[:4])
keras_p = predictor.predict_proba(reviews)
print(json.dumps(dict(replicas=learner.replicas, compute=model.compute_dtype, cm=np.asarray(cm).tolist(), answer=answer,
                      onnx=float(np.abs(OnnxPredictor(tmp/'onnx').predict_proba(reviews) - keras_p).max()),
                      tfjs=float(np.abs(np.array([o['proba'] for o in run_tfjs(tmp/'tfjs', *reviews)]) - keras_p).max()))))
'''

@pytest.mark.parametrize('strategy,precision', [('mirrored', 'mixed_bfloat16')])
def test_seed_workflow_distributed(tmp_path, strategy, precision):
    r = subprocess.run([sys.executable, '-c', SEED, str(tmp_path), strategy, precision], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-4000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert (out['replicas'], out['compute']) == (2, 'bfloat16')
    assert np.sum(out['cm']) == 32 and out['answer'][0] in ('pos', 'neg')
    # the exports serve the float32 weights the mixed model keeps; the Keras predictor computes in bfloat16 (2-3 digits)
    assert out['onnx'] < 2e-2 and out['tfjs'] < 2e-2, out
