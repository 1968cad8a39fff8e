#!/usr/bin/env python
"""Full SST-2 within an hour (issue 18): fine-tune the bundled all-MiniLM-L6-v2 on all 67,349 SST-2 training
sentences with the demo's recipe (linear-probe warm start, then the one-cycle policy peaking at 5e-5, batch 16,
maxlen 128, mean pooling), validating on the 872 dev sentences several times an epoch, under a wall-clock budget.

The clock starts when the script starts: reading and tokenizing the data, building the model and the linear probe
(a forward pass over every training sentence) all count. The learner trains with `fit_onecycle(lr, epochs * k,
steps_per_epoch=ceil(batches / k))`: each Keras "epoch" is 1/k of a pass over the data (`--evals-per-epoch k`,
default 4), the batches stream on from pass to pass, and Keras validates on dev at the end of each. A callback
(`Curve`) times those evaluations, prints the accuracy-versus-time curve as it goes, and stops training cleanly
(`model.stop_training`, checked after every batch) when the next step plus one more evaluation would overrun
`--minutes`; the evaluation of the interrupted quarter still runs, so the last point is the model as it was left.
The first point (0 examples) is the dev accuracy of the warm-started head on the frozen backbone.
The one-cycle schedule needs its length in advance: `--epochs` (default 2) sets it; the lines printed say when the
schedule is projected to end, so a stop by the budget (before the learning rate has annealed) is visible.

    KTRAIN_LIT_OFFLINE=1 .venv/bin/python bench/sst2_full.py --write                  # the hour (bench/sst2_full.{csv,png,json})
    KTRAIN_LIT_OFFLINE=1 nice -n 19 .venv/bin/python bench/sst2_full.py --train-rows 2000 --minutes 2 --write /tmp/sst2_smoke   # a smoke test
"""
import argparse, json, math, os, platform, sys, time
from pathlib import Path

T0 = time.time()   # the budget's clock
HERE = Path(__file__).resolve().parent


def minutes() -> float: return (time.time() - T0) / 60


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default=os.environ.get('KTRAIN_LIT_DATA', '../shared/data'), help='folder holding sst2/train.tsv and sst2/dev.tsv (default: %(default)s)')
    ap.add_argument('--minutes', type=float, default=60, help='wall-clock budget from the start of the script; training stops cleanly when the next '
                    'step and one evaluation would exceed it (default: %(default)s)')
    ap.add_argument('--train-rows', type=int, help='train on the first N rows of train.tsv only (default: all 67,349)')
    ap.add_argument('--epochs', type=int, default=2, help='length of the one-cycle schedule, in passes over the training data (default: %(default)s)')
    ap.add_argument('--evals-per-epoch', type=int, default=4, help='dev evaluations per pass over the training data (default: %(default)s)')
    ap.add_argument('--lr', type=float, default=5e-5, help="peak learning rate of the one-cycle policy (the demo's; default: %(default)s)")
    ap.add_argument('--batch-size', type=int, default=16, help="training batch size (the demo's; default: %(default)s)")
    ap.add_argument('--eval-batch-size', type=int, default=64, help='batch size of the dev evaluations and the linear probe (default: %(default)s)')
    ap.add_argument('--maxlen', type=int, default=128, help='longest sequence in word pieces (default: %(default)s; the script prints how many '
                    'training sentences it truncates)')
    ap.add_argument('--no-warm-start', action='store_true', help='skip the linear probe of the head (LP-FT) before fine-tuning')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--save', metavar='FOLDER', help='save the final predictor there (e.g. for bench/predict_stream.py --predictor)')
    ap.add_argument('--write', nargs='?', const=str(HERE/'sst2_full'), metavar='PREFIX',
                    help='write PREFIX.csv (minutes, examples seen, dev accuracy), PREFIX.png and PREFIX.json (default PREFIX: bench/sst2_full)')
    a = ap.parse_args(argv)
    for k in ('minutes', 'epochs', 'evals_per_epoch', 'lr', 'batch_size', 'eval_batch_size', 'maxlen'):
        if getattr(a, k) <= 0: ap.error(f'--{k.replace("_", "-")} must be positive')

    import numpy as np, pandas as pd, keras
    import ktrain_lit as ktrain
    from ktrain_lit import text

    sst2 = Path(a.data).expanduser()/'sst2'
    if not (sst2/'train.tsv').is_file() or not (sst2/'dev.tsv').is_file():
        sys.exit(f"--data: {sst2} must hold train.tsv and dev.tsv (GLUE SST-2).")
    train = pd.read_csv(sst2/'train.tsv', sep='\t', nrows=a.train_rows)
    dev = pd.read_csv(sst2/'dev.tsv', sep='\t')
    names = ['negative', 'positive']
    trn, val, preproc = text.texts_from_array(train.sentence, train.label, dev.sentence, dev.label, class_names=names,
                                              preprocess_mode='bert', maxlen=a.maxlen, verbose=0)
    model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=a.maxlen, class_names=names, seed=a.seed)
    learner = ktrain.get_learner(model, trn, val, batch_size=a.batch_size, eval_batch_size=a.eval_batch_size, seed=a.seed)
    lengths = np.array([len(ids) for ids, _ in learner.train_data['encoded']])
    print(f'{len(train):,} training sentences, {len(dev)} dev; word pieces per sentence: mean {lengths.mean():.1f}, max {lengths.max()}; '
          f'maxlen {a.maxlen} truncates {int((lengths >= a.maxlen).sum())}. Ready at {minutes():.2f} min', flush=True)

    rows = []   # the curve

    def dev_accuracy() -> tuple:
        t = time.time(); cm = learner.validate(print_report=False, save_path=None)
        return float(np.trace(cm) / cm.sum()), time.time() - t

    def point(examples, acc, note=''):
        rows.append(dict(minutes=round(minutes(), 3), examples_seen=int(examples), dev_accuracy=round(acc, 4), note=note))
        print(f'{rows[-1]["minutes"]:8.2f} min  {examples:>9,} examples  dev accuracy {acc:.4f}  {note}', flush=True)

    eval_s = None
    if not a.no_warm_start:
        learner.warm_start_head(verbose=0)
        acc, eval_s = dev_accuracy()
        point(0, acc, f'linear probe of the head on frozen features ({eval_s:.1f} s to evaluate)')
    budget_s = a.minutes * 60
    if time.time() - T0 > budget_s: sys.exit(f'the budget of {a.minutes} min was spent before training began')

    batches = math.ceil(len(train) / a.batch_size)
    per = math.ceil(batches / a.evals_per_epoch)   # steps per Keras "epoch"
    total = per * a.evals_per_epoch * a.epochs

    class Curve(keras.callbacks.Callback):
        "Times each dev evaluation of `fit`, prints the curve, and stops training when the budget would be overrun."
        def __init__(self):
            super().__init__(); self.steps, self.step_s, self.eval_s, self.stopped, self.last_say = 0, None, eval_s, False, time.time()
        def on_train_begin(self, logs=None): self.t_train = time.time()
        def on_train_batch_begin(self, batch, logs=None): self.t_step = time.time()
        def on_train_batch_end(self, batch, logs=None):
            self.steps += 1
            s = time.time() - self.t_step
            self.step_s = s if self.step_s is None or self.steps < 3 else 0.9 * self.step_s + 0.1 * s   # smoothed, past tracing
            reserve = 1.5 * (self.step_s or 0) + 1.2 * (self.eval_s or 0) + 5
            if time.time() - T0 + reserve > budget_s and not self.stopped:
                self.stopped, self.model.stop_training = True, True
                print(f'{minutes():8.2f} min  budget of {a.minutes:g} min reached after {self.steps:,} of {total:,} steps: stopping', flush=True)
            elif time.time() - self.last_say > 120:
                self.last_say = time.time()
                print(f'{minutes():8.2f} min  step {self.steps:,}/{total:,}, {self.steps * a.batch_size / (time.time() - self.t_train):.1f} examples/s', flush=True)
        def on_test_begin(self, logs=None): self.t_eval = time.time()
        def on_test_end(self, logs=None): self.eval_s = time.time() - self.t_eval
        def on_epoch_end(self, epoch, logs=None):
            train_s = time.time() - self.t_train
            proj = (time.time() - T0 + (total - self.steps) / self.steps * train_s) / 60
            note = (f'epoch {self.steps / batches:.2f}, {self.steps * a.batch_size / train_s:.1f} ex/s incl. evals, '
                    f'eval {self.eval_s:.1f} s, schedule ends ~{proj:.0f} min')
            point(self.steps // batches * len(train) + self.steps % batches * a.batch_size,   # the last batch of a pass is short
                  float(logs['val_accuracy']), note)

    curve = Curve()
    print(f'one-cycle, peak lr {a.lr:g}, batch {a.batch_size}: {a.epochs} epoch(s) of {batches:,} batches = {total:,} steps, '
          f'evaluated every {per:,} steps; budget {a.minutes:g} min', flush=True)
    learner.fit_onecycle(a.lr, a.epochs * a.evals_per_epoch, steps_per_epoch=per, callbacks=[curve], verbose=0)
    end_min = minutes()
    final, _ = dev_accuracy()   # a check of the last point with the learner's own validate, outside the curve

    best = max(rows, key=lambda r: r['dev_accuracy'])
    reached = next((r for r in rows if r['dev_accuracy'] >= 0.90), None)
    summary = dict(date=time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), machine=f'{platform.machine()}, {os.cpu_count()} CPUs',
                   model='bundled all-MiniLM-L6-v2, mean pooling', train_rows=len(train), dev_rows=len(dev), maxlen=a.maxlen,
                   batch_size=a.batch_size, lr=a.lr, epochs_scheduled=a.epochs, evals_per_epoch=a.evals_per_epoch, warm_start=not a.no_warm_start,
                   seed=a.seed, budget_minutes=a.minutes, stopped_by_budget=curve.stopped, steps_done=curve.steps, steps_scheduled=total,
                   training_ended_minutes=round(end_min, 2), final_dev_accuracy=rows[-1]['dev_accuracy'], final_dev_accuracy_validate=round(final, 4),
                   best_dev_accuracy=best['dev_accuracy'], best_at_minutes=best['minutes'],
                   reached_090_at_minutes=reached['minutes'] if reached else None)
    print(f"\nbest dev accuracy {best['dev_accuracy']:.4f} at {best['minutes']:.1f} min; last {rows[-1]['dev_accuracy']:.4f} "
          f"(learner.validate: {final:.4f}); training ended at {end_min:.1f} min"
          f"{' (stopped by the budget, ' + str(curve.steps) + ' of ' + str(total) + ' steps)' if curve.stopped else ''}; "
          + (f"0.90 reached at {reached['minutes']:.1f} min" if reached else 'the 0.90 target was not reached'))
    print(json.dumps(summary))
    if a.save: print('saved the predictor to', ktrain.get_predictor(learner.model, preproc).save(a.save))
    if a.write: write(a.write, rows, summary)


def write(prefix, rows, summary):
    import pandas as pd, matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(rows)
    df[['minutes', 'examples_seen', 'dev_accuracy']].to_csv(str(prefix) + '.csv', index=False)
    Path(str(prefix) + '.json').write_text(json.dumps(dict(summary, curve=rows), indent=1) + '\n')
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100)
    ax.plot(df.minutes, df.dev_accuracy, 'o-', ms=4)
    ax.axhline(0.90, color='grey', ls='--', lw=1, label='0.90 target')
    ax.axvline(summary['budget_minutes'], color='tab:red', ls=':', lw=1, label=f"budget ({summary['budget_minutes']:g} min)")
    b = df.loc[df.dev_accuracy.idxmax()]
    ax.annotate(f'best {b.dev_accuracy:.3f}', (b.minutes, b.dev_accuracy), textcoords='offset points', xytext=(-10, -18), ha='right')
    ax.set(xlabel='wall-clock minutes from start (data, probe and evaluations included)', ylabel='SST-2 dev accuracy (872)',
           title=f"all-MiniLM-L6-v2 on {summary['train_rows']:,} SST-2 sentences, {summary['machine']}")
    ax.set_xlim(left=0); ax.grid(alpha=0.3); ax.legend(loc='lower right'); fig.tight_layout()
    fig.savefig(str(prefix) + '.png'); plt.close(fig)
    print('wrote', *(str(prefix) + s for s in ('.csv', '.png', '.json')))


if __name__ == '__main__':
    main()
