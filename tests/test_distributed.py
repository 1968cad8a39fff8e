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


# --- several workers: two real processes on 127.0.0.1 (tests/fixtures/multi_worker.py) ---
import signal, socket, time
import pandas as pd
from pathlib import Path
from ktrain_lit.distributed import tf_config
from ktrain_lit.models import tiny_checkpoint, weights_signature, check_signed
from ktrain_lit.core import data_dir

WORKER = Path(__file__).parent/'fixtures'/'multi_worker.py'
STEPS = 16   # 8 a epoch, 2 epochs

def _free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _job(folder:Path, tiny:Path, pace=0.0, kill_after=None, deadline=150):
    """Run two workers to the end, restarting a worker that fails as a cluster manager would (at most twice); with `kill_after`,
    SIGKILL worker 1 once it has trained that many steps. Every process ends within `deadline` seconds. Returns the restarts."""
    workers, restarts, killed, t0 = [f'127.0.0.1:{_free_port()}' for _ in range(2)], [0, 0], False, time.time()
    def start(i):
        env = {**os.environ, 'TF_CONFIG': tf_config(workers, i)}
        return subprocess.Popen([sys.executable, str(WORKER), str(folder), str(tiny), str(pace)], env=env,
                                stdout=open(folder/f'out-{i}.txt', 'a'), stderr=subprocess.STDOUT)
    procs = [start(0), start(1)]
    try:
        while any(p.poll() != 0 for p in procs):
            assert time.time() - t0 < deadline, f'the workers did not finish in {deadline} s'
            time.sleep(0.2)
            log = folder/'steps-1.log'
            if kill_after and not killed and log.exists() and len(log.read_text().splitlines()) >= kill_after:
                procs[1].send_signal(signal.SIGKILL); procs[1].wait(); killed = True
            for i, p in enumerate(procs):
                if p.poll() not in (None, 0):
                    assert restarts[i] < 2, (folder/f'out-{i}.txt').read_text()[-3000:]
                    procs[i], restarts[i] = start(i), restarts[i] + 1
    finally:
        for p in procs:
            if p.poll() is None: p.kill(); p.wait()
    return restarts

def _weights(f): 
    with np.load(f) as z: return [z[k] for k in sorted(z.files, key=lambda k: int(k.split('_')[1]))]

def test_two_workers_train_together_and_resume_after_a_kill(tmp_path):
    tiny = tiny_checkpoint(tmp_path/'tiny', dropout=0.0)
    # 1. two workers train together: the same weights and logs on both; checkpoints written by the chief alone
    (a := tmp_path/'whole').mkdir()
    assert _job(a, tiny) == [0, 0]
    for w0, w1 in zip(_weights(a/'weights-0.npz'), _weights(a/'weights-1.npz')): np.testing.assert_array_equal(w0, w1)
    assert json.loads((a/'done-0.json').read_text()) == json.loads((a/'done-1.json').read_text())
    ckpts = sorted((a/'checkpoints-0').iterdir())
    assert [p.name for p in ckpts] == ['weights-01.weights.h5', 'weights-02.weights.h5'] and not any((a/'checkpoints-1').iterdir())
    for p in ckpts: assert weights_signature(p) is not None; check_signed(p)
    assert not (a/'backup').exists()   # a finished run removes its backup
    done = json.loads((a/'done-0.json').read_text())
    assert np.sum(done['cm']) == 32 and len(done['lr_find']) > 5 and np.isfinite(done['lr_find']).all(), done
    import ktrain_lit as ktrain
    sst = pd.read_csv(data_dir()/'sst2'/'train.tsv', sep='\t', nrows=132)
    loaded = ktrain.load_predictor(a/'predictor')   # saved by the chief, loaded without any strategy
    np.testing.assert_allclose(loaded.predict_proba(sst.sentence[128:132].tolist()), done['proba'], atol=1e-5)
    # 2. worker 1 is killed after 6 steps and restarted; the chief fails (its all-reduce lost a peer) and is restarted too:
    # both resume from the last backup (every 2 steps), train only what is left, and end as the uninterrupted run did
    (b := tmp_path/'killed').mkdir()
    restarts = _job(b, tiny, pace=0.4, kill_after=6)
    assert restarts[1] >= 1, restarts
    runs = {}   # process -> the steps it trained, in order
    for line in (b/'steps-1.log').read_text().splitlines(): runs.setdefault(line.split()[0], []).append(int(line.split()[1]))
    first, *later = runs.values()
    assert first[:6] == list(range(6)) and later, runs
    resumed = later[-1]
    assert 0 < resumed[0] <= first[-1] + 1 and resumed[0] % 2 == 0, runs   # from a backup (every 2 steps), not from step 0
    assert resumed == list(range(resumed[0], STEPS)), runs   # then every step left, once
    for w0, w1, w in zip(_weights(b/'weights-0.npz'), _weights(b/'weights-1.npz'), _weights(a/'weights-0.npz')):
        np.testing.assert_array_equal(w0, w1); np.testing.assert_allclose(w0, w, atol=1e-5)
    for p in (b/'checkpoints-0').iterdir(): check_signed(p)
    assert not (b/'backup').exists() and not [p.name for p in b.rglob('.*')]   # no backup, no temporary file left behind
