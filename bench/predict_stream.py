#!/usr/bin/env python
"""Throughput at scale (issue 18): predict N texts (default 100,000: the SST-2 training sentences, cycled) from a
*generator* — never a list — with a progress bar, and report sentences/s and memory for two paths:

- Keras: `Predictor.predict(generator, verbose=1)`, which reads the generator in chunks of `chunk_size` texts;
- ONNX Runtime: `OnnxPredictor.predict`, fed chunk by chunk by this script (4,096 texts a call, the Keras chunk
  size), because `OnnxPredictor.predict` itself turns any iterable into a list and has no progress bar.

Each path runs in a subprocess of its own, so its peak RSS (`getrusage` `ru_maxrss`, which includes loading the
model and TensorFlow) is its own. RSS is also sampled while the texts are read: before the first text (model
loaded, warmed up), when the 10% and 50% marks are read, and after the last prediction returns; plus the
highest RSS seen by a 0.1 s sampler during the run. Bounded memory means the 10/50/100% figures stay flat.
Timing includes tokenization and starts after a 64-text warm-up.

The model: a saved predictor folder (`--predictor`, e.g. `runs/demo/predictor` after `make demo`), else the
bundled all-MiniLM-L6-v2 with a fresh, untrained 2-class head (speed does not depend on the head's training, but
its labels are meaningless; the output says which). A preparation subprocess saves/exports the model to a
temporary folder first (`--work` keeps it elsewhere); its time is not counted.

    KTRAIN_LIT_OFFLINE=1 nice -n 19 .venv/bin/python bench/predict_stream.py --data ../shared/data            # 100,000 texts
    KTRAIN_LIT_OFFLINE=1 nice -n 19 .venv/bin/python bench/predict_stream.py --n 3000                         # a smoke test
    KTRAIN_LIT_OFFLINE=1 .venv/bin/python bench/predict_stream.py --predictor runs/demo/predictor --write     # -> bench/predict_stream.json
"""
import argparse, itertools, json, os, platform, resource, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHUNK = 4096   # texts per ONNX Runtime call from this script (Predictor's default chunk_size)
MARKS = (0.1, 0.5)


def rss_mb() -> float:
    "The current resident set size of this process, in MB (Linux /proc)."
    with open('/proc/self/statm') as f: return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20


def peak_rss_mb() -> float: return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # Linux: kB


class Sampler(threading.Thread):
    "The highest RSS seen, sampled every `every` seconds until stopped."
    def __init__(self, every=0.1):
        super().__init__(daemon=True); self.every, self.high, self.done = every, rss_mb(), threading.Event()
    def run(self):
        while not self.done.wait(self.every): self.high = max(self.high, rss_mb())
    def stop(self): self.done.set(); self.join(); self.high = max(self.high, rss_mb()); return self.high


def sentences(data) -> list:
    import pandas as pd
    f = Path(data).expanduser()/'sst2'/'train.tsv'
    if not f.is_file(): sys.exit(f"--data: {f} is missing (GLUE SST-2: a folder holding sst2/train.tsv).")
    return list(pd.read_csv(f, sep='\t').sentence)


def texts(source:list, n:int, rss:dict):
    "A generator of `n` texts cycling through `source`; records the RSS when the 10% and 50% marks are read."
    marks = {max(1, int(n * m)): f'{int(m * 100)}%' for m in MARKS}
    for i, t in enumerate(itertools.islice(itertools.cycle(source), n), 1):
        if i in marks: rss[marks[i]] = round(rss_mb())
        yield t


def chunks(it, size):
    "Lists of up to `size` items read from the iterator `it`."
    it = iter(it)
    while chunk := list(itertools.islice(it, size)): yield chunk


def child(a):
    "One path, in this process: load, warm up, predict the generator's texts, print a RESULT line."
    from tqdm.auto import tqdm
    source = sentences(a.data)
    if a.child == 'keras':
        import ktrain_lit as ktrain
        p = ktrain.load_predictor(a.model_dir, batch_size=a.batch_size)
        run = lambda gen: p.predict(gen, verbose=1)   # the library streams the generator, with its own bar
        what = f'Predictor.predict(generator, verbose=1), chunk_size={p.chunk_size}'
    else:
        from ktrain_lit.onnx_predictor import OnnxPredictor
        p = OnnxPredictor(a.model_dir, batch_size=a.batch_size)
        def run(gen):
            out = []
            with tqdm(total=a.n, desc='predicting (onnx)', unit='text') as bar:
                for c in chunks(gen, CHUNK): out += p.predict(c); bar.update(len(c))
            return out
        what = f'OnnxPredictor.predict per chunk of {CHUNK} texts read from the generator (chunking done by this script)'
    p.predict(source[:64])   # warm-up: graph tracing / session start
    rss = {'before': round(rss_mb())}
    sampler = Sampler(); sampler.start()
    t0 = time.perf_counter()
    labels = run(texts(source, a.n, rss))
    s = time.perf_counter() - t0
    rss['100%'] = round(rss_mb()); high = sampler.stop()
    if len(labels) != a.n: sys.exit(f'{a.child}: {len(labels)} answers for {a.n} texts')
    counts = {k: labels.count(k) for k in sorted(set(labels))}
    print('RESULT ' + json.dumps(dict(path=a.child, call=what, texts=a.n, batch_size=a.batch_size, seconds=round(s, 2),
                                      sentences_per_s=round(a.n / s, 1), rss_mb=rss, run_high_rss_mb=round(high),
                                      peak_rss_mb=round(peak_rss_mb()), label_counts=counts, first_labels=labels[:2000])), flush=True)


def prepare(a):
    "Save (when built here) and export the model: `<work>/predictor` and `<work>/onnx`."
    import ktrain_lit as ktrain
    work = Path(a.work)
    if a.predictor:
        p = ktrain.load_predictor(a.predictor, batch_size=a.batch_size); src = str(Path(a.predictor).resolve())
    else:
        from ktrain_lit import text
        model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=a.maxlen, class_names=['negative', 'positive'], seed=0)
        p = ktrain.get_predictor(model, batch_size=a.batch_size)
        p.save(work/'predictor'); src = None
    p.export_to_onnx(work/'onnx')
    print('RESULT ' + json.dumps(dict(predictor=src or str(work/'predictor'), trained=bool(a.predictor),
                                      maxlen=p.model.preprocessor.maxlen, classes=p.class_names)), flush=True)


def sub(*args) -> dict:
    "Run this script with `args` in a fresh Python; its RESULT line, parsed (its other output passes through)."
    cmd = [sys.executable, __file__, *map(str, args)]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    res = [l[7:] for l in r.stdout.splitlines() if l.startswith('RESULT ')]
    sys.stdout.write(''.join(l + '\n' for l in r.stdout.splitlines() if not l.startswith('RESULT ')))
    if r.returncode or not res: sys.exit(f'{" ".join(cmd)} failed (exit status {r.returncode})')
    return json.loads(res[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=100_000, help='texts to predict, the SST-2 training sentences cycled (default: %(default)s)')
    ap.add_argument('--batch-size', type=int, default=32, help='texts per model call in both paths (default: %(default)s)')
    ap.add_argument('--data', default=os.environ.get('KTRAIN_LIT_DATA', '../shared/data'), help='folder holding sst2/train.tsv (default: %(default)s)')
    ap.add_argument('--predictor', help='a folder written by Predictor.save (a fine-tuned model); default: the bundled '
                    'all-MiniLM-L6-v2 with an untrained 2-class head')
    ap.add_argument('--maxlen', type=int, default=128, help='maxlen of the bundled model when --predictor is not given (default: %(default)s)')
    ap.add_argument('--paths', nargs='+', default=['keras', 'onnx'], choices=['keras', 'onnx'], help='which paths to run (default: both)')
    ap.add_argument('--work', help='folder for the saved predictor and the ONNX export (default: a temporary folder)')
    ap.add_argument('--write', action='store_true', help='write the results to bench/predict_stream.json')
    ap.add_argument('--child', choices=['keras', 'onnx', 'prepare'], help=argparse.SUPPRESS)
    ap.add_argument('--model-dir', help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.n < 1 or a.batch_size < 1: ap.error('--n and --batch-size must be positive')
    if a.child == 'prepare': return prepare(a)
    if a.child: return child(a)

    work = Path(a.work or tempfile.mkdtemp(prefix='predict_stream_'))
    try: run_paths(a, work)
    finally:
        if not a.work: shutil.rmtree(work, ignore_errors=True)   # the saved predictor and export of the bundled model


def run_paths(a, work:Path):
    "Prepare the model, run each path in its subprocess, print the table (and write the JSON)."
    common = ['--n', a.n, '--batch-size', a.batch_size, '--data', a.data]
    t0 = time.time()
    prep = sub('--child', 'prepare', '--work', work, '--maxlen', a.maxlen, '--batch-size', a.batch_size,
               *(['--predictor', a.predictor] if a.predictor else []))
    print(f"model: {prep['predictor']} ({'fine-tuned' if prep['trained'] else 'bundled all-MiniLM-L6-v2 with an UNTRAINED head: labels are meaningless, speed is not'}), "
          f"maxlen {prep['maxlen']}; prepared in {time.time() - t0:.0f} s", flush=True)
    rows = []
    for path in a.paths:
        model_dir = prep['predictor'] if path == 'keras' else work/'onnx'
        rows.append(sub('--child', path, '--model-dir', model_dir, *common))

    print(f"\n{a.n:,} texts from a generator, batch {a.batch_size}, {os.cpu_count()} CPU(s)"
          f"{'' if prep['trained'] else ', untrained head'}; RSS in MB")
    head = f"{'path':<7} {'texts':>8} {'seconds':>8} {'sent/s':>8} {'peak RSS':>9} {'before':>7} {'10%':>6} {'50%':>6} {'100%':>6} {'run max':>8}"
    print(head); print('-' * len(head))
    for r in rows:
        m = r['rss_mb']
        print(f"{r['path']:<7} {r['texts']:>8,} {r['seconds']:>8.1f} {r['sentences_per_s']:>8.1f} {r['peak_rss_mb']:>9} "
              f"{m['before']:>7} {m.get('10%', '-'):>6} {m.get('50%', '-'):>6} {m['100%']:>6} {r['run_high_rss_mb']:>8}")
    agree = None
    if len(rows) == 2:
        f1, f2 = rows[0]['first_labels'], rows[1]['first_labels']
        agree = sum(x == y for x, y in zip(f1, f2)) / len(f1)
        print(f"labels of the first {len(f1)} texts: keras and onnx agree on {agree:.2%}")
    for r in rows: print(f"{r['path']}: {r['call']}; labels {r['label_counts']}")
    if a.write:
        out = dict(date=time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), machine=f'{platform.machine()}, {os.cpu_count()} CPUs',
                   model=prep, texts=a.n, batch_size=a.batch_size, first_labels_agree=agree,
                   rows=[{k: v for k, v in r.items() if k != 'first_labels'} for r in rows])
        (HERE/'predict_stream.json').write_text(json.dumps(out, indent=1) + '\n')
        print(f'wrote {HERE/"predict_stream.json"}')


if __name__ == '__main__':
    main()
