// Stand-ins for the Node.js modules tfjs_predictor.mjs imports: the page uses only its pure functions (encodeText),
// never its file reading, which throws here.
const unavailable = name => () => { throw new Error(`${name} is not available in a browser`); };
export const readFile = unavailable('readFile');
export const dirname = p => String(p).replace(/\/[^/]*$/, '');
export const join = (...parts) => parts.join('/');
export const resolve = p => p;
export const fileURLToPath = u => String(u);
export const pathToFileURL = p => new URL(p, location.href);
