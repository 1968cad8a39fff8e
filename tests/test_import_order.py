"""No behaviour depends on which of the library's modules happened to be imported. In a fresh interpreter that
imports only the models lesson, `model.save(folder)` writes the same verified SavedModel as after `import ktrain_lit`
has loaded every lesson, and a learner or predictor has the methods later lessons add (`validate`, `lr_find`,
`save_model`, `export_to_onnx`, ...) either way."""
import json, subprocess, sys
import pytest

CODE = r'''
import sys, json
from pathlib import Path
from ktrain_lit.models import transformer, tiny_checkpoint
d, mode = Path(sys.argv[1]), sys.argv[2]
if mode == 'everything':
    import ktrain_lit; ktrain_lit.get_learner   # the package loads every lesson
m = transformer('bert', tiny_checkpoint(d/'tiny'), maxlen=32, class_names=['a', 'b'], seed=0)
saved = m.save(d/'saved')
from ktrain_lit.learner import get_learner
from ktrain_lit.predictor import Predictor
l = get_learner(m, (['a good film', 'a bad film'] * 4, [1, 0] * 4), batch_size=4)
names = ('validate', 'lr_find', 'save_model', 'top_losses', 'export_to_onnx', 'export_to_tfjs')
print(json.dumps(dict(files=sorted(p.name for p in saved.iterdir()), learner=[hasattr(l, n) for n in names],
                      predictor=[hasattr(Predictor(m), n) for n in ('explain', 'explore', 'export_to_savedmodel')])))
'''

def run(tmp_path, mode):
    r = subprocess.run([sys.executable, '-c', CODE, str(tmp_path), mode], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])

def test_same_behaviour_whatever_was_imported(tmp_path):
    alone, everything = run(tmp_path/'alone', 'models only'), run(tmp_path/'all', 'everything')
    assert alone == everything
    assert {'saved_model.pb', 'ktrain_lit.json', 'tokenizer', 'variables'} <= set(alone['files'])
    assert all(alone['learner']) and all(alone['predictor'])
