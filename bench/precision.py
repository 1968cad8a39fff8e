#!/usr/bin/env python
"""float32 against mixed_bfloat16, side by side in one run: the demo's recipe (`examples/sst2_demo.py`: the bundled
all-MiniLM-L6-v2 on the first 2,000 SST-2 training sentences, batch 16, maxlen 128, one-cycle at 5e-5, linear-probe
warm start) in each precision, then dev accuracy on all 872 dev sentences, training examples per second and
prediction sentences per second. The precisions alternate (float32 first) so drifts of a shared machine hit both.

    python bench/precision.py --data ../shared/data [--epochs 3] [--precisions float32 mixed_bfloat16]
"""
import argparse, json, subprocess, sys, time
from pathlib import Path

RUN = r'''
import json, sys, time
import numpy as np, pandas as pd
import ktrain_lit as ktrain
from ktrain_lit import text
from ktrain_lit.distributed import distribute
data, precision, n, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
train = pd.read_csv(f'{data}/sst2/train.tsv', sep='\t', nrows=n); dev = pd.read_csv(f'{data}/sst2/dev.tsv', sep='\t')
trn, val, preproc = text.texts_from_array(train.sentence, train.label, dev.sentence, dev.label, class_names=['negative', 'positive'],
                                          preprocess_mode='bert', maxlen=128, verbose=0)
with distribute(None, precision=precision):
    model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=128, class_names=preproc.class_names, seed=0)
learner = ktrain.get_learner(model, trn, val, batch_size=16, seed=0)
t = time.time(); learner.fit_onecycle(5e-5, epochs, verbose=0); t = time.time() - t
cm = learner.validate(print_report=False, save_path=None)
p = ktrain.get_predictor(learner.model); s = time.time(); p.predict(list(val[0])); s = time.time() - s
print(json.dumps(dict(precision=precision, dev_accuracy=round(float(np.trace(cm) / cm.sum()), 4),
                      train_examples_per_s=round(n * epochs / t, 1), predict_per_s=round(len(val[0]) / s, 1))))
'''

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../shared/data', help='folder holding sst2/train.tsv and sst2/dev.tsv')
    ap.add_argument('--n-train', type=int, default=2000)
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--precisions', nargs='+', default=['float32', 'mixed_bfloat16'])
    a = ap.parse_args(argv)
    if not (Path(a.data)/'sst2'/'train.tsv').is_file(): sys.exit(f"--data: {a.data}/sst2 must hold train.tsv and dev.tsv")
    cpu = subprocess.run(['lscpu'], capture_output=True, text=True).stdout
    model = next((l.split(':', 1)[1].strip() for l in cpu.splitlines() if l.startswith('Model name')), '?')
    print(f"CPU: {model}; bfloat16 instructions: {' '.join(f for f in ('avx512_bf16', 'amx_bf16') if f in cpu) or 'none'}")
    rows = []
    for precision in a.precisions:   # each in a fresh process: TensorFlow keeps memory, and policies are per process
        r = subprocess.run([sys.executable, '-c', RUN, a.data, precision, str(a.n_train), str(a.epochs)], capture_output=True, text=True)
        if r.returncode: sys.exit(f'{precision} failed:\n{r.stderr[-3000:]}')
        rows.append(json.loads(r.stdout.strip().splitlines()[-1])); print(rows[-1], flush=True)
    print(f"\n| precision | dev accuracy | training ex/s | predictions/s |\n|---|---|---|---|")
    for r in rows: print(f"| {r['precision']} | {r['dev_accuracy']:.3f} | {r['train_examples_per_s']} | {r['predict_per_s']} |")

if __name__ == '__main__': main()
