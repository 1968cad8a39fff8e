// The names tfjs_predictor.mjs imports from '@tensorflow/tfjs' and '@tensorflow/tfjs-backend-wasm', taken from the
// vendored browser bundles (tf.min.js, tf-backend-wasm.min.js), which define the global `tf`.
const tf = globalThis.tf;
export default tf;
export const { Tensor, tensor2d, setBackend, ready, loadGraphModel, io, dispose } = tf;
export const setWasmPaths = tf.wasm.setWasmPaths;
