"""ktrain_lit on the shared peers' protocol (../shared/bench/peers/protocol.py), as `bench/peers.py` runs it beside ktrain
and Hugging Face: the bundled all-MiniLM-L6-v2, the first 2,000 SST-2 sentences, one epoch of the one-cycle policy at
5e-5 (its linear-probe warm start included in the training time), batch 16, maxlen 128; then the 872 dev sentences
predicted at batch 32 by `Predictor.predict` and, after the peak RSS is taken, by `OnnxPredictor.predict`.

    python bench/protocol_ours.py PEERS_PROTOCOL_FOLDER      (BENCH_DATA: the data folder, as for the peers)
"""
import sys, tempfile
sys.path.insert(0, sys.argv[1])
from protocol import *   # sst2, Timer, report, peak_rss_mb and the protocol's settings
import numpy as np
import ktrain_lit as ktrain
from ktrain_lit import text
from ktrain_lit.onnx_predictor import OnnxPredictor

(xt, yt), (xd, yd) = sst2()
names = ['negative', 'positive']
trn, val, preproc = text.texts_from_array(xt, yt, xd, yd, class_names=names, preprocess_mode='bert', maxlen=MAXLEN, verbose=0)
model = text.transformer('bert', 'all-MiniLM-L6-v2', maxlen=MAXLEN, class_names=names, seed=SEED)
learner = ktrain.get_learner(model, trn, val, batch_size=BATCH, eval_batch_size=PRED_BATCH, seed=SEED)
with Timer() as tr: learner.fit_onecycle(LR, EPOCHS, verbose=0)
predictor = ktrain.get_predictor(learner.model, preproc, batch_size=PRED_BATCH)
predictor.predict(xd[:PRED_BATCH])   # warm-up, as the peers do
with Timer() as tp: preds = predictor.predict(xd)
acc = float(np.mean([p == names[y] for p, y in zip(preds, yd)]))
keras_rss = peak_rss_mb()   # the job the peers do ends here

folder = tempfile.mkdtemp()
predictor.export_to_onnx(folder)
onnx = OnnxPredictor(folder, batch_size=PRED_BATCH)
onnx.predict(xd[:PRED_BATCH])
with Timer() as to: onnx_preds = onnx.predict(xd)
report(f'ktrain_lit-{ktrain.__version__}', len(xt), tr.s, acc, len(xd), tp.s, peak_rss_mb_keras=keras_rss,
       onnx_predict_ex_per_s=round(len(xd) / to.s, 2), onnx_agrees=float(np.mean([a == b for a, b in zip(preds, onnx_preds)])))
