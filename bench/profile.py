"""Where the time goes: this machine's matrix-multiply peak, the arithmetic of MiniLM's training steps and prediction
batches at the batches' real lengths, the fraction of the peak they reach, and a per-part breakdown.

    python bench/profile.py [--data ../shared/data] [--rows 2000] [--write]

1. Peak: the best GFLOP/s of TensorFlow's own `tf.matmul` on square matrices (float32, and bfloat16 where the CPU
   has AVX512-BF16 or AMX), as a `tf.function` on the threads TensorFlow uses for training.
2. FLOPs: a BERT encoder layer costs, per token of a sequence padded to L, 2(4d² + 2·d·ff) for its dense layers and
   4·L·d for attention's two products (scores and the weighted sum); a training step is about three forward passes
   (the backward pass is two). Counted over the protocol's own batches (the first `rows` SST-2 sentences in
   length-bucketed batches of 16 for training, 32 for prediction): padding included, as the CPU computes it.
3. Breakdown, each timed over one pass of the same batches, on the same compiled model: tokenization; the input
   pipeline alone (`TextBatches.passes`); forward; forward + backward; forward + backward + AdamW (a whole step,
   without Keras); and Keras' `fit` (the library's training), whose excess over the bare step is Keras' and Python's
   per-step overhead. Prediction: tokenization, then `Predictor.predict` against the bare forward pass.
"""
import argparse, json, os, sys, time, platform
from pathlib import Path
os.environ.setdefault('KTRAIN_LIT_OFFLINE', '1')
import numpy as np, pandas as pd
import tensorflow as tf, keras
ROOT = Path(__file__).resolve().parent.parent

def cpu_model():
    for l in open('/proc/cpuinfo'):
        if l.startswith('model name'): return l.split(':', 1)[1].strip()
    return platform.processor()

def cpu_flags():
    for l in open('/proc/cpuinfo'):
        if l.startswith('flags'): return set(l.split(':', 1)[1].split())
    return set()

def matmul_peak(dtype, sizes=(512, 1024, 2048), reps=5) -> float:
    "Best GFLOP/s of `tf.matmul` on square `dtype` matrices."
    best = 0.
    for n in sizes:
        a, b = (tf.cast(tf.random.normal((n, n)), dtype) for _ in range(2))
        f = tf.function(lambda a, b: tf.reduce_sum(tf.cast(tf.matmul(a, b)[:1, :1], tf.float32)))
        f(a, b)
        t = min(timed(lambda: f(a, b).numpy()) for _ in range(reps))
        best = max(best, 2 * n**3 / t / 1e9)
    return best

def timed(fn) -> float:
    t = time.perf_counter(); fn(); return time.perf_counter() - t

def encoder_flops(batch_tokens:int, length:int, layers:int, d:int, ff:int) -> float:
    "Forward FLOPs of a BERT encoder on `batch_tokens` tokens of sequences padded to `length`."
    return layers * batch_tokens * (2 * (4 * d * d + 2 * d * ff) + 4 * length * d)

def batch_flops(batches, b) -> float:
    return sum(encoder_flops(x['token_ids'].shape[0] * x['token_ids'].shape[1], x['token_ids'].shape[1],
                             b.num_layers, b.hidden_dim, b.intermediate_dim) for x in batches)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=str(ROOT.parent/'shared'/'data'))
    ap.add_argument('--rows', type=int, default=2000, help='SST-2 training sentences (the protocol: 2,000)')
    ap.add_argument('--write', action='store_true', help='write bench/profile.json')
    a = ap.parse_args()
    import ktrain_lit as ktrain
    from ktrain_lit import text
    df = pd.read_csv(Path(a.data)/'sst2'/'train.tsv', sep='\t').head(a.rows)
    dev = pd.read_csv(Path(a.data)/'sst2'/'dev.tsv', sep='\t')
    out = {'cpu': cpu_model(), 'threads': tf.config.threading.get_intra_op_parallelism_threads() or os.cpu_count()}

    flags = cpu_flags()
    out['peak_gflops'] = {'float32': round(matmul_peak(tf.float32), 1)}
    if {'avx512_bf16', 'amx_bf16'} & flags: out['peak_gflops']['bfloat16'] = round(matmul_peak(tf.bfloat16), 1)
    print('matmul peak (GFLOP/s):', out['peak_gflops'], flush=True)

    names = ['negative', 'positive']
    t_tok = time.perf_counter()
    trn, val, preproc = text.texts_from_array(df.sentence.tolist(), df.label.values, dev.sentence.tolist(), dev.label.values,
                                              class_names=names, preprocess_mode='bert', maxlen=128, verbose=0)
    t_tok = time.perf_counter() - t_tok
    model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=128, class_names=names, seed=0)
    learner = ktrain.get_learner(model, trn, val, batch_size=16, eval_batch_size=32, seed=0)
    b, m = model.backbone, learner.model
    tb = learner.batches(learner.train_data, shuffle=True)
    batches = [tb.padded(i) for i in tb.batches(0)]   # the first pass, as `fit` will serve it
    xs = [x for x, _ in batches]
    n = sum(x['token_ids'].shape[0] for x in xs)
    fwd_flops = batch_flops(xs, b)
    print(f'{len(xs)} training batches, {n} sentences, mean padded length {np.mean([x["token_ids"].shape[1] for x in xs]):.1f}; '
          f'forward {fwd_flops/1e9:.1f} GFLOP, a training pass about {3*fwd_flops/1e9:.1f}', flush=True)

    ds = tb.passes()
    t_pipe = timed(lambda: [None for _ in ds.take(len(xs))])
    from ktrain_lit.batches import input_specs
    sig = [input_specs(), tf.TensorSpec([None], tf.as_dtype(np.asarray(batches[0][1]).dtype))]   # one trace for every length
    fwd = tf.function(lambda x: m(x, training=False), input_signature=sig[:1])
    def grads(x, y):
        with tf.GradientTape() as tape: loss = m.compute_loss(x, y, m(x, training=True))
        return tape.gradient(loss, m.trainable_variables)
    fb = tf.function(lambda x, y: [tf.reduce_sum(tf.convert_to_tensor(g)) for g in grads(x, y)], input_signature=sig)
    step = tf.function(lambda x, y: m.optimizer.apply_gradients(zip(grads(x, y), m.trainable_variables)), input_signature=sig)
    parts = {}
    for name, f in [('forward', lambda x, y: fwd(x)), ('forward + backward', fb), ('whole step (forward, backward, AdamW)', step)]:
        f(*batches[0])   # traced first
        parts[name] = timed(lambda: [f(x, y) for x, y in batches] and [v.numpy() for v in m.trainable_variables[:1]])
    learner._head_trained = True   # Keras' fit alone, no warm start
    class Steps(keras.callbacks.Callback):
        def on_train_batch_begin(self, i, logs=None): self.t0 = time.perf_counter()
        def on_train_batch_end(self, i, logs=None): self.ts.append(time.perf_counter() - self.t0)
    learner.fit_onecycle(5e-5, 1, verbose=0)   # traced once
    s = Steps(); s.ts = []
    learner.fit_onecycle(5e-5, 1, verbose=0, callbacks=[s])
    parts['Keras fit (steady state: the sum of step times)'] = float(np.mean(s.ts[1:]) * len(s.ts))   # the first step may retrace: left out
    flops = {'forward': fwd_flops, 'forward + backward': 3 * fwd_flops}   # the backward pass: twice the forward
    flops.update({k: 3 * fwd_flops for k in parts if k not in flops})
    rows = [('tokenization (whole training and dev sets)', t_tok), ('input pipeline alone', t_pipe)] + list(parts.items())
    print(f'\n{"training part":52s} {"s/pass":>8s} {"ex/s":>8s} {"GFLOP/s":>8s} {"of peak":>8s}')
    peak = out['peak_gflops']['float32']
    for name, t in rows:
        if name not in flops: print(f'{name:52s} {t:8.2f} {n/t:8.1f}'); continue
        g = flops[name] / t / 1e9
        print(f'{name:52s} {t:8.2f} {n/t:8.1f} {g:8.1f} {g/peak:8.1%}')
    out['training'] = {k: round(v, 3) for k, v in rows} | {'sentences': n, 'forward_gflop': round(fwd_flops / 1e9, 2)}
    out['training_fraction_of_peak'] = round(3 * fwd_flops / parts['Keras fit (steady state: the sum of step times)'] / 1e9 / peak, 4)

    p = ktrain.get_predictor(learner.model, preproc, batch_size=32)
    texts = dev.sentence.tolist()
    p.predict(texts[:32])
    t_pred = min(timed(lambda: p.predict(texts)) for _ in range(2))
    eb = learner.batches(learner.val_data)
    pfl = batch_flops([x for x, _ in eb], b)
    t_fwd = min(timed(lambda: [fwd(x) for x, _ in eb] and None) for _ in range(2))
    print(f'\nprediction of the {len(texts)} dev sentences: {pfl/1e9:.1f} GFLOP; Predictor.predict {t_pred:.2f} s '
          f'({len(texts)/t_pred:.0f}/s, {pfl/t_pred/1e9:.1f} GFLOP/s, {pfl/t_pred/1e9/peak:.1%} of peak); '
          f'bare forward {t_fwd:.2f} s ({pfl/t_fwd/1e9/peak:.1%} of peak)')
    out['prediction'] = {'sentences': len(texts), 'gflop': round(pfl / 1e9, 2), 'predict_s': round(t_pred, 3), 'forward_s': round(t_fwd, 3),
                         'fraction_of_peak': round(pfl / t_pred / 1e9 / peak, 4)}
    out['when'] = time.strftime('%Y-%m-%d')
    if a.write: (ROOT/'bench'/'profile.json').write_text(json.dumps(out, indent=1) + '\n')

if __name__ == '__main__': main()
