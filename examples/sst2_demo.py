#!/usr/bin/env python
"""The main job (`make demo`): fine-tune the bundled all-MiniLM-L6-v2 on the first 2,000 SST-2 training
sentences, validate on the 872 dev sentences, predict new sentences, save and reload the predictor, and
export a verified TensorFlow SavedModel.

    python examples/sst2_demo.py --data ../shared/data      # or any folder holding sst2/{train,dev}.tsv
"""
import argparse, json, resource, sys, time
from pathlib import Path

import numpy as np
import pandas as pd

import ktrain_lit as ktrain
from ktrain_lit import text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../shared/data', help='folder holding sst2/train.tsv and sst2/dev.tsv (default: %(default)s)')
    ap.add_argument('--out', default='runs/demo', help='where the predictor and the SavedModel go (default: %(default)s)')
    ap.add_argument('--n-train', type=int, default=2000, help='training sentences: the first N of train.tsv (default: %(default)s)')
    ap.add_argument('--maxlen', type=int, default=128)
    ap.add_argument('--batch-size', type=int, default=16)
    ap.add_argument('--lr', type=float, default=5e-5, help='peak learning rate of fine-tuning')
    ap.add_argument('--epochs', type=int, default=6, help='fine-tuning epochs')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args(argv)

    sst2 = Path(a.data).expanduser()/'sst2'
    if not (sst2/'train.tsv').is_file() or not (sst2/'dev.tsv').is_file():
        sys.exit(f"--data: {sst2} must hold train.tsv and dev.tsv (GLUE SST-2, columns sentence and label).")
    t0 = time.time()
    train = pd.read_csv(sst2/'train.tsv', sep='\t', nrows=a.n_train)
    dev = pd.read_csv(sst2/'dev.tsv', sep='\t')

    # 1. data: raw texts and labels, tokenized by the model's own tokenizer
    (x_train, y_train), (x_val, y_val), preproc = text.texts_from_array(
        train.sentence, train.label, dev.sentence, dev.label, class_names=['negative', 'positive'],
        preprocess_mode='bert', maxlen=a.maxlen)

    # 2. model: the bundled all-MiniLM-L6-v2 (mean pooling, as it was trained) with a 2-class head
    model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=a.maxlen, class_names=preproc.class_names, seed=a.seed)
    learner = ktrain.get_learner(model, (x_train, y_train), (x_val, y_val), batch_size=a.batch_size, seed=a.seed)

    # 3. training: the head is first fitted to the frozen features (a linear probe, `warm_start`), then
    #    everything is fine-tuned with the one-cycle policy
    t_train = time.time()
    learner.fit_onecycle(a.lr, a.epochs)
    t_train = time.time() - t_train

    # 4. evaluation
    cm = learner.validate(class_names=preproc.class_names)
    acc = float(np.trace(cm) / cm.sum())
    print('confusion matrix (rows: truth, columns: prediction):\n', cm)

    # 5. prediction
    predictor = ktrain.get_predictor(learner.model, preproc)
    new = ['An absolute joy from the first frame to the last.',
           'A tedious, badly acted mess that never ends.',
           'Not the masterpiece I was promised, but I enjoyed it.']
    t_pred = time.time(); predictor.predict(list(x_val)); t_pred = time.time() - t_pred
    probs = predictor.predict(new, return_proba=True)
    for s, label, p in zip(new, predictor.predict(new), probs):
        print(f'{label:>8}  p(positive)={p[1]:.3f}  {s}')

    # 6. save, reload (the same answers), export a verified SavedModel
    out = Path(a.out)
    reloaded = ktrain.load_predictor(predictor.save(out/'predictor'))
    diff = float(np.abs(reloaded.predict(new, return_proba=True) - probs).max())
    same = reloaded.predict(new) == predictor.predict(new) and diff < 1e-6
    same_p = 'identical probabilities' if diff == 0 else f'probabilities within {diff:.1e}'
    print(f'saved to {out/"predictor"}; the reloaded predictor gives the same labels and {same_p}')
    learner.model.save(str(out/'saved_model'))
    if not same: sys.exit(f'the reloaded predictor disagrees with the original (max difference {diff:.2e})')

    summary = dict(dev_accuracy=round(acc, 4), reload_max_diff=diff, train_examples=len(x_train), train_seconds=round(t_train, 1),
                   train_examples_per_s=round(len(x_train) * a.epochs / t_train, 1),
                   predict_sentences_per_s=round(len(x_val) / t_pred, 1), total_seconds=round(time.time() - t0, 1),
                   peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    print(json.dumps(summary))
    return summary


if __name__ == '__main__':
    main()
