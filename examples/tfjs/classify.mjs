// Classify sentences in Node.js with a model exported by ktrain_lit (`learner.export_to_tfjs(folder)`):
// the folder holds the TF.js graph, the tokenizer JSON and `tfjs_predictor.mjs`, which tokenizes and predicts.
//
//   cd EXPORT_FOLDER && npm install && cd -       # @tensorflow/tfjs, its WebAssembly backend, @huggingface/tokenizers
//   node examples/tfjs/classify.mjs EXPORT_FOLDER "An absolute joy." "A tedious mess."
//
// Prints one line per sentence: the label, the probability of each class, the sentence.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [folder, ...texts] = process.argv.slice(2);
if (!folder || texts.length === 0) {
  console.error('usage: node classify.mjs EXPORT_FOLDER TEXT [TEXT ...]');
  process.exit(2);
}
const { TfjsPredictor } = await import(pathToFileURL(join(resolve(folder), 'tfjs_predictor.mjs')).href);
const predictor = await TfjsPredictor.load(resolve(folder));
const probs = await predictor.predictProba(texts), labels = predictor.labels(probs);
const names = predictor.info.class_names;
texts.forEach((text, i) =>
  console.log([labels[i], probs[i].map((p, j) => `${names[j]}=${p.toFixed(6)}`).join(' '), text].join('\t')));
