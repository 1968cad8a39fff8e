// Classify raw text with a ktrain_lit TF.js export in Node.js: @tensorflow/tfjs (WebAssembly backend) and
// @huggingface/tokenizers. `npm install` in the export folder, then:
//   node tfjs_predictor.mjs "A gripping film." "Dull."        (labels and probabilities as JSON)
//   import { TfjsPredictor } from './tfjs_predictor.mjs'; const p = await TfjsPredictor.load('.');
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { Tokenizer } from '@huggingface/tokenizers';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Hugging Face's longest-first truncation (tokenizers' `truncate_encodings`): a single text keeps its first `room`
// tokens; of a pair, the shorter keeps all it can, the longer the rest, and both halve `room` when neither fits.
export function truncate(a, b, room) {
  if (b === null) return [a.slice(0, Math.max(room, 0)), null];
  if (a.length + b.length <= room) return [a, b];
  let n1 = Math.min(a.length, b.length), n2 = n1 > room ? n1 : Math.max(n1, room - n1);
  if (n1 + n2 > room) { n1 = Math.floor(room / 2); n2 = n1 + room % 2; }
  return a.length > b.length ? [a.slice(0, n2), b.slice(0, n1)] : [a.slice(0, n1), b.slice(0, n2)];
}

// Token ids and segment ids (or null where all are 0) of a text or a [textA, textB] pair, as the library makes them:
// the tokenizer.json's normalization, word pieces and template, truncated as its `truncation` says.
export function encodeText(tok, truncation, emptyId, text) {
  const pair = Array.isArray(text);
  let a = tok.tokenize(pair ? text[0] : text), b = pair ? tok.tokenize(text[1]) : null;
  const special = tok.post_processor ? tok.post_processor([], pair ? [] : null, true).tokens.length : 0;
  if (truncation) [a, b] = truncate(a, b, truncation.max_length - special);
  const { tokens, token_type_ids: types } = tok.post_processor ? tok.post_processor(a, b, true) : { tokens: [...a, ...(b ?? [])] };
  const ids = tokens.map(t => tok.added_tokens_map.get(t)?.id ?? tok.model.tokens_to_ids.get(t) ?? tok.model.unk_token_id);
  if (!ids.length) return [[emptyId], null];
  return [ids, types && types.some(v => v) ? types : null];
}

// Pad `[ids, segments]` pairs to the longest: int32 token_ids, segment_ids and padding_mask tensors.
function padIds(encoded) {
  const n = encoded.length, len = Math.max(...encoded.map(([t]) => t.length));
  const ids = new Int32Array(n * len), seg = new Int32Array(n * len), mask = new Int32Array(n * len);
  encoded.forEach(([t, s], i) => t.forEach((v, j) => { ids[i * len + j] = v; mask[i * len + j] = 1; if (s) seg[i * len + j] = s[j]; }));
  return { token_ids: tf.tensor2d(ids, [n, len], 'int32'), segment_ids: tf.tensor2d(seg, [n, len], 'int32'),
           padding_mask: tf.tensor2d(mask, [n, len], 'int32') };
}

// Start a backend: 'wasm' (default, fast) or 'cpu' (plain JavaScript).
export async function useBackend(name = 'wasm') {
  if (name === 'wasm') setWasmPaths(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))) + '/');
  if (!(await tf.setBackend(name))) throw new Error(`TF.js backend '${name}' could not start`);
  await tf.ready();
}

// A graph model read from an export folder's model.json and weight shards.
async function loadGraph(folder) {
  const mj = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
  const data = Buffer.concat(await Promise.all(mj.weightsManifest.flatMap(g => g.paths.map(p => readFile(join(folder, p))))));
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest.flatMap(g => g.weights), signature: mj.signature,
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }));
}

// The export's tokenizer (tokenizer/tokenizer.json) and its truncation settings.
export async function loadTokenizer(folder) {
  const json = JSON.parse(await readFile(join(folder, 'tokenizer', 'tokenizer.json'), 'utf8'));
  return [new Tokenizer(json, {}), json.truncation];
}

export class TfjsPredictor {
  constructor(model, tokenizer, truncation, info, batchSize = 32) { Object.assign(this, { model, tokenizer, truncation, info, batchSize }); }

  // Load an export folder (model.json, tokenizer/tokenizer.json, ktrain_lit.json).
  // `backend`: 'wasm' or 'cpu' (default: the one the export was verified on).
  static async load(folder, { backend = null, batchSize = 32 } = {}) {
    const info = JSON.parse(await readFile(join(folder, 'ktrain_lit.json'), 'utf8'));
    if (info.format !== 'ktrain_lit.export' || info.graph !== 'model.json') throw new Error(`${folder} is not a ktrain_lit TF.js export`);
    await useBackend(backend ?? info.backend ?? 'wasm');
    const [tok, truncation] = await loadTokenizer(folder);
    return new TfjsPredictor(await loadGraph(folder), tok, truncation, info, batchSize);
  }

  // Token ids and segment ids of each text or [textA, textB] pair, exactly as the library makes them.
  encode(texts) { return texts.map(t => encodeText(this.tokenizer, this.truncation, this.info.empty_id, t)); }

  // The graph's outputs for one padded batch: {token_ids, segment_ids, padding_mask} as tensors or nested arrays.
  async run(batch) {
    const feed = {};
    for (const { name } of this.model.inputs) {
      const v = batch[name.split(':')[0]];
      feed[name] = v instanceof tf.Tensor ? v : tf.tensor2d(v, undefined, 'int32');
    }
    const out = this.model.execute(feed), rows = await out.array();
    tf.dispose([out, ...Object.values(feed)]);
    return rows;
  }

  // Probabilities (or regression values) for each text, in order; batches of similar lengths.
  async predictProba(texts) {
    const enc = this.encode(texts), order = [...enc.keys()].sort((i, j) => enc[i][0].length - enc[j][0].length);
    const out = Array(enc.length);
    for (let i = 0; i < order.length; i += this.batchSize) {
      const idx = order.slice(i, i + this.batchSize);
      (await this.run(padIds(idx.map(j => enc[j])))).forEach((row, k) => { out[idx[k]] = row; });
    }
    return out;
  }

  // Labels from `predictProba`'s outputs, as Python's `predict` gives them: a class name; for a multi-label model the
  // [class, probability] pairs, every class when `threshold` is null (ktrain's answer), else only those above it; or a
  // value (regression). `threshold` null or undefined: the export's (ktrain_lit.json), itself null unless a predictor set one.
  labels(probs, threshold = null) {
    const { task, class_names: names } = this.info;
    const t = threshold ?? this.info.threshold ?? null;
    if (t !== null && !(typeof t === 'number' && t > 0 && t < 1)) throw new Error(`threshold must lie strictly between 0 and 1 (or be null: every pair), not ${t}`);
    return probs.map(p => task === 'regression' ? p[0]
      : task === 'multilabel' ? names.map((c, i) => [c, p[i]]).filter(([, v]) => t === null || v > t)
      : names[p.indexOf(Math.max(...p))]);
  }

  async predict(texts, { threshold = null } = {}) { return this.labels(await this.predictProba(texts), threshold); }
}

// Command line: `node tfjs_predictor.mjs [--backend cpu] [--threshold 0.5] TEXT...` prints labels and probabilities
// (`--threshold`: a multi-label model's pairs above it only); `--check FILE`
// (the library's verification) runs the graph on the file's padded ids and the whole predictor on its texts;
// `--encode FILE` prints only the token ids of the file's texts (no model needed: the tokenizer and ktrain_lit.json).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const folder = dirname(fileURLToPath(import.meta.url)), args = process.argv.slice(2);
  const opts = { '--backend': null, '--threshold': null };
  while (Object.hasOwn(opts, args[0] ?? '')) { const k = args.shift(); opts[k] = args.shift(); }
  const backend = opts['--backend'], threshold = opts['--threshold'] === null ? null : Number(opts['--threshold']);
  if (args[0] === '--encode') {   // no process.exit(): it would cut a long output short
    const info = JSON.parse(await readFile(join(folder, 'ktrain_lit.json'), 'utf8')), [tok, truncation] = await loadTokenizer(folder);
    const texts = JSON.parse(await readFile(args[1], 'utf8'));
    console.log(JSON.stringify(texts.map(t => encodeText(tok, truncation, info.empty_id, t))));
  } else {
    const p = await TfjsPredictor.load(folder, { backend });
    if (args[0] === '--check') {
      const c = JSON.parse(await readFile(args[1], 'utf8'));
      console.log(JSON.stringify({ graph: await p.run(c.batch), ids: p.encode(c.texts).map(e => e[0]), texts: await p.predictProba(c.texts) }));
    } else {
      const proba = await p.predictProba(args), labels = p.labels(proba, threshold);
      console.log(JSON.stringify(args.map((t, i) => ({ text: t, label: labels[i], proba: proba[i] })), null, 1));
    }
  }
}
