// The "Try it" page: the demo's classifier, exported by `export_to_tfjs`, predicting in the browser as the reader types.
// Tokenization is the export's own `encodeText` (tfjs_predictor.mjs, verified in Node.js against the library).
import { encodeText } from './model/tfjs_predictor.mjs';
import { Tokenizer } from '@huggingface/tokenizers';

const tf = globalThis.tf, model_url = new URL('./model/', import.meta.url);
const $ = id => document.getElementById(id);

async function load() {
  tf.wasm.setWasmPaths(new URL('../assets/vendor/tfjs/', import.meta.url).href);
  if (!(await tf.setBackend('wasm'))) throw new Error("TF.js's WebAssembly backend could not start");
  await tf.ready();
  const get = async f => { const r = await fetch(new URL(f, model_url)); if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`); return r.json(); };
  const [info, tokJson] = await Promise.all([get('ktrain_lit.json'), get('tokenizer/tokenizer.json')]);
  const model = await tf.loadGraphModel(new URL('model.json', model_url).href);
  return { info, model, tok: new Tokenizer(tokJson, {}), truncation: tokJson.truncation };
}

// Class probabilities of one text, as the Python predictor's `predict(text, return_proba=True)`.
async function predict({ info, model, tok, truncation }, text) {
  const [ids, seg] = encodeText(tok, truncation, info.empty_id, text), n = ids.length;
  const t = { token_ids: tf.tensor2d(ids, [1, n], 'int32'), segment_ids: tf.tensor2d(seg ?? new Array(n).fill(0), [1, n], 'int32'),
              padding_mask: tf.tensor2d(new Array(n).fill(1), [1, n], 'int32') };
  const feed = Object.fromEntries(model.inputs.map(({ name }) => [name, t[name.split(':')[0]]]));
  const out = model.execute(feed), [row] = await out.array();
  tf.dispose([out, ...Object.values(t)]);
  return row;
}

function show(names, text, proba) {
  const best = proba.indexOf(Math.max(...proba));
  $('tryit-label').textContent = names[best];
  $('tryit-label').dataset.text = text;
  $('tryit-bars').innerHTML = names.map((c, i) =>
    `<div class="tryit-row"><span class="tryit-name">${c}</span>` +
    `<span class="tryit-bar"><span style="width:${(100 * proba[i]).toFixed(1)}%"></span></span>` +
    `<span class="tryit-value" data-class="${c}" data-proba="${proba[i]}">${proba[i].toFixed(4)}</span></div>`).join('');
}

try {
  const m = await load(), names = m.info.class_names;
  let busy = false, pending = null;
  async function update() {   // one prediction at a time; the latest text wins
    if (busy) { pending = true; return; }
    busy = true;
    try { do { pending = false; const text = $('tryit-text').value; show(names, text, await predict(m, text)); } while (pending); }
    finally { busy = false; }
  }
  $('tryit-text').addEventListener('input', update);
  await update();
  globalThis.tryitFirstPredictionMs = performance.now();
  $('tryit-status').textContent = `Ready: backend ${tf.getBackend()}, first prediction ${(performance.now() / 1000).toFixed(1)} s after the page opened.`;
  $('tryit').dataset.ready = '1';
} catch (e) {
  $('tryit-status').textContent = `The model could not run: ${e.message}`;
  console.error(e);
}
