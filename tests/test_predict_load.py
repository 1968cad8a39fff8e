"""Load (issue 15): `predict` over 100,000 texts streams in bounded memory, and threads share a predictor safely.

Memory is measured in a fresh subprocess (so that nothing else in the test session moves it): its resident set
size (RSS) is sampled every 5 ms while `predict` runs, and the peak is compared with the RSS just before the call,
after a warm-up prediction (TensorFlow's graph and allocator caches are then built). The input list itself exists
before the baseline, so what is measured is what `predict` adds.

The bound, and why: `predict` reads `chunk_size` (4,096) texts at a time and the tokenizer encodes a chunk in spans
of at most 2**18 characters, so what is held at once is one chunk's encoded ids and padded batches, plus the outputs
(3 float32 a text: 1.2 MB per 100,000) and the answers (one reference a text: 0.8 MB). Holding every text's encoded
ids instead (an int32 array of ~20 ids and its NumPy header, about 200 bytes a text) adds about 20 MB per 100,000
texts: `chunk_size=100_000` measured 21.8 MB here (run with KTRAIN_LIT_LOAD_COMPARE=1 to print it), against 2-7 MB
streamed. So the peak growth must stay under `BOUND_MB` (16 MB) whatever the input size, and 100,000 texts may cost
at most `SLACK_MB` (10 MB) more than 10,000 do. A generator of 50,000 texts, never held whole, is held to the same
bound. Speed is printed, not asserted (it depends on the machine).
"""
import json, os, subprocess, sys, textwrap, threading
from pathlib import Path
import numpy as np, pytest

BOUND_MB, SLACK_MB = 16, 10

SCRIPT = textwrap.dedent('''
    import json, sys, threading, time, warnings, psutil
    import pandas as pd
    warnings.simplefilter('ignore')
    import ktrain_lit
    from ktrain_lit import text
    from ktrain_lit.predictor import Predictor
    from ktrain_lit.models import tiny_checkpoint
    ck, data, compare = tiny_checkpoint(sys.argv[1]), sys.argv[2], sys.argv[3] == '1'
    model = text.transformer('bert', ck, maxlen=32, class_names=['neg', 'pos', 'neutral'], seed=0)
    sentences = pd.read_csv(data, sep='\\t', usecols=['sentence']).sentence.tolist()   # 67,349 SST-2 sentences
    proc = psutil.Process()

    def run(predictor, texts, n):
        "Peak RSS growth (MB) and texts/s of `predictor.predict(texts)`."
        base, peak, done = proc.memory_info().rss, [0], threading.Event()
        def sample():
            while not done.is_set(): peak[0] = max(peak[0], proc.memory_info().rss); time.sleep(0.005)
        t = threading.Thread(target=sample); t.start()
        start = time.perf_counter()
        answers = predictor.predict(texts)
        secs = time.perf_counter() - start
        done.set(); t.join()
        assert len(answers) == n and set(answers) <= {'neg', 'pos', 'neutral'}
        return dict(n=n, peak_growth_mb=round((max(peak[0], proc.memory_info().rss) - base) / 2**20, 1), texts_per_s=round(n / secs),
                    rss_mb=round(proc.memory_info().rss / 2**20))

    predictor = ktrain_lit.get_predictor(model)
    predictor.predict(sentences[:4096])   # warm-up: the graph traced, the allocator's pools made
    for n in (10_000, 100_000):
        texts = (sentences * 2)[:n]
        print(json.dumps(dict(kind='list', **run(predictor, texts, n))), flush=True)
        del texts
    gen = (sentences[i % len(sentences)] for i in range(50_000))   # read a chunk at a time, never held whole
    print(json.dumps(dict(kind='generator', **run(predictor, gen, 50_000))), flush=True)
    if compare:   # what not streaming would cost: the whole input encoded at once
        texts = (sentences * 2)[:100_000]
        print(json.dumps(dict(kind='unchunked', **run(Predictor(model, chunk_size=100_000), texts, 100_000))), flush=True)
''')

def test_predict_streams_in_bounded_memory(tmp_path, data):
    pytest.importorskip('psutil')
    compare = os.environ.get('KTRAIN_LIT_LOAD_COMPARE', '0')   # 1: also measure an unchunked run, for the report
    r = subprocess.run([sys.executable, '-c', SCRIPT, str(tmp_path/'tiny'), str(data/'sst2'/'train.tsv'), compare],
                       capture_output=True, text=True, timeout=300, env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3'})
    assert r.returncode == 0, r.stderr[-3000:]
    rows = [json.loads(l) for l in r.stdout.splitlines() if l.startswith('{')]
    print('\npredict over SST-2 sentences (tiny BERT, maxlen 32, chunk_size 4096):')
    for row in rows: print(f"  {row['kind']:9} {row['n']:>7,} texts: {row['texts_per_s']:>6,} texts/s, peak RSS growth {row['peak_growth_mb']:6.1f} MB (RSS {row['rss_mb']} MB)")
    small, big, gen = rows[:3]
    for row in (small, big, gen): assert row['peak_growth_mb'] < BOUND_MB, row
    assert big['peak_growth_mb'] - small['peak_growth_mb'] < SLACK_MB, (small, big)

# ---------------------------------------------------------------- threads

@pytest.fixture(scope='module')
def predictor(tiny):
    import ktrain_lit
    from ktrain_lit import text
    from ktrain_lit.predictor import Predictor
    model = text.transformer('bert', tiny, maxlen=32, class_names=['neg', 'pos', 'neutral'], seed=0)
    model.head.set_weights([w * 30 for w in model.head.get_weights()])   # answers that vary from text to text
    return Predictor(model, chunk_size=500)   # several chunks per call, so threads interleave inside a call

def in_threads(f, args):
    "`f(a)` for each of `args`, all in their own threads, started together; results in order."
    out, errors, barrier = [None] * len(args), [], threading.Barrier(len(args))
    def run(i, a):
        try: barrier.wait(); out[i] = f(a)
        except BaseException as e: errors.append(e)
    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(args)]
    for t in threads: t.start()
    for t in threads: t.join()
    if errors: raise errors[0]
    return out

def test_threads_get_what_one_thread_gets(predictor, data):
    import pandas as pd
    sentences = pd.read_csv(data/'sst2'/'train.tsv', sep='\t', nrows=4000).sentence.tolist()
    a, b = sentences[:2000], sentences[2000:4000][::-1]
    want_a, want_b = predictor.predict_proba(a), predictor.predict_proba(b)
    tokenizer_state = predictor.model.preprocessor.tokenizer.to_str()
    for _ in range(2):
        got = in_threads(predictor.predict_proba, [a, b, a, b])   # different inputs, and the same input twice
        for g, w in zip(got, [want_a, want_b, want_a, want_b]): np.testing.assert_array_equal(g, w)
    labels = in_threads(predictor.predict, [a, a])
    assert labels[0] == labels[1] == predictor.predict(a)
    assert predictor.model.preprocessor.tokenizer.to_str() == tokenizer_state   # no call changed the tokenizer

def test_threads_share_a_tokenizer(predictor):
    "The tokenizer is set up once (truncation to maxlen) and never changed by a call: threads at different lengths agree."
    tok = predictor.model.preprocessor
    short, long = [f'text {i}' for i in range(2000)], [f'a much longer text number {i} ' * 20 for i in range(2000)]
    ids = lambda ts: [i.tolist() for i, _ in tok.encode(ts)]
    want = [ids(short), ids(long)]
    got = in_threads(ids, [short, long] * 4)
    assert got == want * 4
    assert max(len(i) for i in got[1]) == tok.maxlen == 32
