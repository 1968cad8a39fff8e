#!/usr/bin/env python
"""ktrain's 20 Newsgroups tutorial on this library: the 4-class subset (alt.atheism, comp.graphics, sci.med,
soc.religion.christian; 2,257 training / 1,502 test posts), the bundled all-MiniLM-L6-v2, maxlen 256, one-cycle.
Prints one JSON line: test accuracy and seconds (ktrain reports 0.96 with DistilBERT on a GPU).

    .venv/bin/python bench/newsgroups.py [--data ../shared/data] [--epochs 3] [--lr 5e-5] [--batch-size 16]
"""
import argparse, json, tempfile, time
from pathlib import Path
import numpy as np
import ktrain_lit as ktrain
from ktrain_lit import text

ap = argparse.ArgumentParser()
ap.add_argument('--data', default='../shared/data'); ap.add_argument('--epochs', type=int, default=3)
ap.add_argument('--lr', type=float, default=5e-5); ap.add_argument('--batch-size', type=int, default=16)
ap.add_argument('--maxlen', type=int, default=256)
a = ap.parse_args()

t0 = time.time()
with tempfile.TemporaryDirectory() as cache:
    news = text.datasets.twenty_newsgroups(path=Path(a.data)/'20newsgroups'/'20news-bydate.tar.gz', cache=cache)
    cats = ['alt.atheism', 'comp.graphics', 'sci.med', 'soc.religion.christian']
    (x_tr, y_tr), (x_te, y_te), preproc = text.texts_from_folder(news, classes=cats, preprocess_mode='bert', maxlen=a.maxlen,
                                                                 train_test_names=text.datasets.TWENTY_NEWSGROUPS_SPLITS)
model = text.transformer('bert', maxlen=a.maxlen, class_names=preproc.class_names, seed=0)
learner = ktrain.get_learner(model, (x_tr, y_tr), (x_te, y_te), batch_size=a.batch_size, seed=0)
t1 = time.time()
learner.fit_onecycle(a.lr, a.epochs)
t2 = time.time()
cm = learner.validate(class_names=preproc.class_names)
print(json.dumps(dict(task='20newsgroups-4', model='all-MiniLM-L6-v2', maxlen=a.maxlen, epochs=a.epochs, lr=a.lr,
                      test_accuracy=round(float(np.trace(cm) / cm.sum()), 4), train_seconds=round(t2 - t1, 1),
                      total_seconds=round(time.time() - t0, 1))))
