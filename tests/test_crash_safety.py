"""Saves survive SIGKILL at any moment: after every kill, the folder loads as the old save or the new one, bit for bit.

A child process saves over a folder holding save A (predictor, ONNX export, or learner checkpoint) with save B, and is
killed with SIGKILL: at each step boundary of `io.atomic_folder` / `io.atomic_file` (the child replaces the no-op
`io._reached` with a kill), and at random moments while it saves B and A in turn. After each kill the test loads the
folder as a user would and checks it answers exactly like A or B (and, at a boundary, which one); the next save
removes the temporaries the killed process left. Both ways of putting a folder in place are tried: the atomic
exchange (Linux `renameat2`) and the two-rename fallback of systems without one.
`KTRAIN_LIT_KILLS` sets the number of random kills (default 32)."""
import os, sys, random, signal, subprocess, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import numpy as np, pytest
import ktrain_lit as ktrain
from ktrain_lit.core import keras
from ktrain_lit import text, io
from ktrain_lit.predictor import load_predictor
from ktrain_lit.learner import AtomicCheckpoint
from ktrain_lit.onnx_predictor import OnnxPredictor

TEXTS = ['a fine film', 'dull and long', 'I expected more, but the ending is superb.']
KILLS = int(os.environ.get('KTRAIN_LIT_KILLS', 32))

CHILD = r'''
import os, sys, signal, itertools
import ktrain_lit.io as io
kind, target, kill_at, fallback, a, b = sys.argv[1:7]
if fallback == '1': io._SWAP = None                       # the two-rename fallback
if kill_at != '-':
    def _reached(step):
        if step == kill_at: os.kill(os.getpid(), signal.SIGKILL)
    io._reached = _reached
from ktrain_lit.predictor import load_predictor
from ktrain_lit.learner import AtomicCheckpoint
pa, pb = load_predictor(a), load_predictor(b)
if kind == 'predictor': write = lambda p: p.save(target)
elif kind == 'onnx': write = lambda p: p.export_to_onnx(target, verify=False)
else:
    def write(p):
        c = AtomicCheckpoint(target); c.set_model(p.model); c.on_epoch_end(0)
print('ready', flush=True)
for p in itertools.cycle([pb, pa]): write(p)
'''


def run_child(kind, target, a, b, kill_at='-', fallback=False, delay=None):
    "Start a saving child; kill it at `kill_at` (it kills itself) or after `delay` seconds of saving; wait for its end."
    proc = subprocess.Popen([sys.executable, '-c', CHILD, kind, str(target), kill_at, '1' if fallback else '0', str(a), str(b)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == 'ready', proc.stderr.read()[-3000:]
    if delay is not None: time.sleep(delay); proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=300)
    assert proc.returncode == -signal.SIGKILL, f"the child was not killed (exit {proc.returncode}): {proc.stderr.read()[-3000:]}"


@pytest.fixture(scope='module')
def saves(tiny, tmp_path_factory):
    "Predictors A and B (same architecture, different weights), their predictions, and their ONNX exports'."
    d = tmp_path_factory.mktemp('crash')
    out = {}
    for name, seed in (('a', 1), ('b', 2)):
        keras.utils.set_random_seed(seed)
        p = ktrain.get_predictor(text.transformer('bert', tiny, maxlen=32, class_names=['neg', 'pos']))
        folder = p.save(d/name)
        onnx = p.export_to_onnx(d/f'{name}_onnx')
        out[name] = dict(folder=folder, proba=p.predict_proba(TEXTS), onnx=onnx, onnx_proba=OnnxPredictor(onnx).predict_proba(TEXTS),
                         weights=[w.copy() for w in p.model.get_weights()])
    assert not np.array_equal(out['a']['proba'], out['b']['proba'])
    return d, out


def which(kind, target, saves) -> str:
    "Load `target` as a user would; 'a' or 'b' by which save it answers like exactly (fails otherwise)."
    if kind == 'predictor': got, key = load_predictor(target).predict_proba(TEXTS), 'proba'
    elif kind == 'onnx': got, key = OnnxPredictor(target).predict_proba(TEXTS), 'onnx_proba'
    else:
        model = load_predictor(saves['a']['folder']).model
        model.load_weights(target/'weights-01.weights.h5'); got, key = model.get_weights(), 'weights'
    same = lambda x, y: all(np.array_equal(u, v) for u, v in zip(x, y)) if key == 'weights' else np.array_equal(x, y)
    hits = [n for n in 'ab' if same(got, saves[n][key])]
    assert len(hits) == 1, f"{target} answers like neither the old save nor the new one"
    return hits[0]


def fresh_target(kind, d, saves, name):
    "A folder holding save A, as a user's earlier save would."
    t = d/name
    a = load_predictor(saves['a']['folder'])
    if kind == 'predictor': a.save(t)
    elif kind == 'onnx': a.export_to_onnx(t, verify=False)
    else: c = AtomicCheckpoint(t); c.set_model(a.model); c.on_epoch_end(0)
    return t


def leftovers(target: Path) -> list:
    "Temporaries beside the folder, or (a checkpoint) beside the weights file in it."
    return sorted(p.name for p in [*target.parent.iterdir(), *target.iterdir()] if p.name.startswith(f'.{target.name}.') or p.name.startswith('.weights-01'))


BOUNDARIES = [  # kind, step killed at, fallback?, the save the folder must hold after the kill
    ('predictor', 'begun', False, 'a'), ('predictor', 'file replaced', False, 'a'), ('predictor', 'written', False, 'a'),
    ('predictor', 'swapped', False, 'b'), ('predictor', 'cleaned', False, 'b'),
    ('predictor', 'set aside', True, 'a'), ('predictor', 'swapped', True, 'b'),
    ('onnx', 'written', False, 'a'), ('onnx', 'swapped', False, 'b'), ('onnx', 'set aside', True, 'a'),
    ('checkpoint', 'file written', False, 'a'), ('checkpoint', 'file replaced', False, 'b'),
]

@pytest.mark.parametrize('kind,step,fallback,want', BOUNDARIES, ids=[f"{k}-{s.replace(' ', '_')}{'-fallback' if f else ''}" for k, s, f, _ in BOUNDARIES])
def test_kill_at_boundary(saves, kind, step, fallback, want):
    d, s = saves
    target = fresh_target(kind, d, s, f'{kind}-{step}-{fallback}'.replace(' ', '_'))
    run_child(kind, target, s['a']['folder'], s['b']['folder'], kill_at=step, fallback=fallback)
    assert which(kind, target, s) == want
    fresh_target(kind, d, s, target.name)        # the next save cleans what the killed one left
    assert leftovers(target) == []


def test_kill_at_random_moments(saves):
    "Kill savers at random moments (two at a time: the children's start-up is most of the cost)."
    d, s = saves
    rng = random.Random(15)
    trials = [(i, rng.uniform(0, 0.8), i % 4 == 3) for i in range(KILLS)]   # every fourth on the fallback
    targets = {i: fresh_target('predictor', d, s, f'random-{i}') for i, _, _ in trials}
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda t: run_child('predictor', targets[t[0]], s['a']['folder'], s['b']['folder'], fallback=t[2], delay=t[1]), trials))
    held = [which('predictor', targets[i], s) for i, _, _ in trials]
    print(f"{KILLS} random kills: the folder held the old save {held.count('a')} times, the new one {held.count('b')} times")
    for i, _, _ in trials:
        fresh_target('predictor', d, s, targets[i].name)
        assert leftovers(targets[i]) == []
