// Constants webpack substitutes at build time (webpack.config.js). They do not exist in Node, so
// code shared with Node tests must check `typeof NAME !== "undefined"` before reading them.

/**
 * Absolute URL (ends with "/") of the folder holding onnxruntime-web's runtime files
 * (`ort-wasm-simd-threaded.*.wasm` and `.mjs`), next to the bundle that uses it. Meant for
 * `ort.env.wasm.wasmPaths = __ORT_WASM_BASE__` so the add-on never loads ORT from a CDN.
 */
declare const __ORT_WASM_BASE__: string;
