#!/usr/bin/env python
"""Length-bucketed batches against padding to maxlen, on the job of the README (all-MiniLM-L6-v2, SST-2,
maxlen 128, batch 16): seconds for one training epoch on the first N training sentences and for one
prediction pass over the 872 dev sentences. Prints one JSON line.

    .venv/bin/python bench/bucketing.py [--data ../shared/data] [--n-train 1000]
"""
import argparse, json, time
from pathlib import Path
import pandas as pd
from ktrain_lit.core import keras
from ktrain_lit.batches import TextBatches
from ktrain_lit.models import transformer
from ktrain_lit.learner import get_learner

ap = argparse.ArgumentParser()
ap.add_argument('--data', default='../shared/data'); ap.add_argument('--n-train', type=int, default=1000)
ap.add_argument('--maxlen', type=int, default=128); ap.add_argument('--batch-size', type=int, default=16)
a = ap.parse_args()
sst2 = Path(a.data)/'sst2'
train = pd.read_csv(sst2/'train.tsv', sep='\t', nrows=a.n_train)
dev = pd.read_csv(sst2/'dev.tsv', sep='\t')
model = transformer('bert', maxlen=a.maxlen, seed=0)
learner = get_learner(model, (train.sentence.values, train.label.values), (dev.sentence.values, dev.label.values),
                      batch_size=a.batch_size, seed=0, warm_start=False)
res = {}
for name, buckets in (('bucketed', None), ('padded_to_maxlen', ())):
    kw = {} if buckets is None else dict(buckets=buckets)
    trn = TextBatches(learner.train_data['encoded'], learner.train_data['y'], a.batch_size, a.maxlen, shuffle=True, seed=0, **kw)
    val = TextBatches(learner.val_data['encoded'], None, 32, a.maxlen, **kw)
    model.fit(trn.dataset().take(2), shuffle=False, verbose=0)        # trace once outside the timing
    t = time.time(); model.fit(trn.dataset(), shuffle=False, verbose=0); t_train = time.time() - t
    model.predict(val.dataset().take(1), verbose=0)
    t = time.time(); model.predict(val.dataset(), verbose=0); t_pred = time.time() - t
    res[name] = dict(train_epoch_s=round(t_train, 1), train_ex_per_s=round(a.n_train / t_train, 1),
                     predict_s=round(t_pred, 1), predict_ex_per_s=round(len(dev) / t_pred, 1))
res['speedup_train'] = round(res['padded_to_maxlen']['train_epoch_s'] / res['bucketed']['train_epoch_s'], 2)
res['speedup_predict'] = round(res['padded_to_maxlen']['predict_s'] / res['bucketed']['predict_s'], 2)
print(json.dumps(res))
