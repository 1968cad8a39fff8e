#!/usr/bin/env python
"""How SST-2 dev accuracy grows with the number of training rows, with the demo's model and recipe
(all-MiniLM-L6-v2, mean pooling, linear-probe warm start, one-cycle at 5e-5, batch 16, maxlen 128):
fine-tunes on the first N rows of train.tsv for each N and prints one JSON line per run with the dev
accuracy after every epoch. It puts the demo's 2,000-row figure on a curve.

    .venv/bin/python bench/sst2_learning_curve.py [--data ../shared/data] [--sizes 2000 4000 8000] [--epochs 3]

Measured here (2 CPU cores, seed 0, 3 epochs): 2,000 rows 0.806, 4,000 rows 0.850 (0.8498), 8,000 rows 0.873.
"""
import argparse, json, time
from pathlib import Path
import pandas as pd
import ktrain_lit as ktrain
from ktrain_lit import text

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument('--data', default='../shared/data', help='folder holding sst2/train.tsv and sst2/dev.tsv')
ap.add_argument('--sizes', type=int, nargs='+', default=[2000, 4000, 8000], help='training rows: the first N of train.tsv')
ap.add_argument('--epochs', type=int, default=3); ap.add_argument('--lr', type=float, default=5e-5)
ap.add_argument('--batch-size', type=int, default=16); ap.add_argument('--maxlen', type=int, default=128)
ap.add_argument('--seed', type=int, default=0)
a = ap.parse_args()

sst2 = Path(a.data).expanduser()/'sst2'
dev = pd.read_csv(sst2/'dev.tsv', sep='\t')
for n in a.sizes:
    train = pd.read_csv(sst2/'train.tsv', sep='\t', nrows=n)
    t0 = time.time()
    (x, y), (xv, yv), preproc = text.texts_from_array(train.sentence, train.label, dev.sentence, dev.label, preprocess_mode='bert',
                                                      class_names=['negative', 'positive'], maxlen=a.maxlen, verbose=0)
    model = text.transformer('bert', maxlen=a.maxlen, class_names=preproc.class_names, seed=a.seed)
    learner = ktrain.get_learner(model, (x, y), (xv, yv), batch_size=a.batch_size, seed=a.seed)
    hist = learner.fit_onecycle(a.lr, a.epochs, verbose=0)
    print(json.dumps(dict(train_rows=n, epochs=a.epochs, lr=a.lr, seed=a.seed, seconds=round(time.time() - t0),
                          dev_accuracy_per_epoch=[round(float(v), 4) for v in hist.history['val_accuracy']])), flush=True)
