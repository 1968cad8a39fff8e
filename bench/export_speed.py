#!/usr/bin/env python
"""Inference speed of one model in every runtime it exports to, on the 872 SST-2 dev sentences (raw text in,
probabilities out, tokenization included): Keras (`Predictor`), ONNX Runtime (`OnnxPredictor`, float and int8),
the TFLite interpreter, and TF.js in Node.js (WebAssembly backend; the time includes starting Node and loading).

    python bench/export_speed.py [--data ../shared/data] [--maxlen 128] [--batch-size 32]

The model is the bundled all-MiniLM-L6-v2 with a fresh 2-class head (speed does not depend on the head's training);
each runtime's probabilities are compared with Keras'. Prints a table and one JSON line per runtime."""
import argparse, json, os, tempfile, time
from pathlib import Path
import numpy as np, pandas as pd

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default=os.environ.get('KTRAIN_LIT_DATA', '../shared/data'))
    ap.add_argument('--maxlen', type=int, default=128)
    ap.add_argument('--batch-size', type=int, default=32)
    ap.add_argument('--skip', nargs='*', default=[], help='runtimes to skip: onnx, int8, tflite, tfjs')
    a = ap.parse_args(argv)
    from ktrain_lit.models import transformer
    from ktrain_lit.predictor import Predictor
    from ktrain_lit.batches import pad_batch
    texts = list(pd.read_csv(Path(a.data)/'sst2'/'dev.tsv', sep='\t').sentence)
    model = transformer('bert', maxlen=a.maxlen, class_names=['negative', 'positive'], seed=0)
    keras_pred = Predictor(model, batch_size=a.batch_size)
    keras_pred.predict_proba(texts[:64])   # warm up: graph tracing
    rows, tmp = [], Path(tempfile.mkdtemp())

    def timed(name, fn, size_mb=float('nan')):
        t0 = time.perf_counter(); p = np.asarray(fn(), 'float32'); s = time.perf_counter() - t0
        row = dict(runtime=name, seconds=round(s, 2), sentences_per_s=round(len(texts) / s, 1), size_MB=round(size_mb, 1),
                   max_prob_diff_vs_keras=float(np.abs(p - ref).max()) if rows else 0.0)
        rows.append(row); print(json.dumps(row), flush=True)
        return p

    ref = timed('Keras predict', lambda: keras_pred.predict_proba(texts))
    mb = lambda f: Path(f).stat().st_size / 2**20
    if 'onnx' not in a.skip or 'int8' not in a.skip:
        from ktrain_lit.export import export_onnx
        from ktrain_lit.onnx_predictor import OnnxPredictor
        for name, q in (('onnx', False), ('int8', True)):
            if name in a.skip: continue
            d = export_onnx(model, tmp/name, quantize=q)
            op = OnnxPredictor(d, batch_size=a.batch_size); op.predict_proba(texts[:64])
            timed(f'ONNX Runtime{" int8" if q else ""}', lambda: op.predict_proba(texts), mb(d/'model.onnx'))
    if 'tflite' not in a.skip:
        from ktrain_lit.export import export_tflite, tflite_runner, TFLITE_FILE
        d = export_tflite(model, tmp/'tflite')
        run = tflite_runner(d/TFLITE_FILE)
        def lite():
            enc = model.preprocessor.encode(texts)
            order = np.argsort([len(t) for t, _ in enc], kind='stable'); out = [None] * len(enc)
            for i in range(0, len(enc), a.batch_size):
                idx = order[i:i + a.batch_size]
                for j, row in zip(idx, run(pad_batch([enc[j] for j in idx], max(len(enc[j][0]) for j in idx)))): out[j] = row
            return np.stack(out)
        timed('TFLite interpreter', lite, mb(d/TFLITE_FILE))
    if 'tfjs' not in a.skip:
        from ktrain_lit.tfjs import export_tfjs, run_tfjs
        d = export_tfjs(model, tmp/'tfjs')
        timed('TF.js in Node.js (wasm)', lambda: [o['proba'] for o in run_tfjs(d, *texts)], sum(mb(p) for p in d.glob('group*.bin')))
    print(pd.DataFrame(rows).set_index('runtime').to_string())

if __name__ == '__main__':
    main()
