// Starts the documents worker (src/bin/worker.rs): loads wasm-bindgen's glue and the wasm,
// then tells the app "ready", or "failed: <why>" when either cannot be loaded (offline, a
// missing file). Messages posted before "ready" are held back by the app (platform/worker.rs).
importScripts('./worker.js');
wasm_bindgen('./worker_bg.wasm').then(
  () => postMessage('ready'),
  (error) => postMessage('failed: ' + String(error && error.message || error)),
);
