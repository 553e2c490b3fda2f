// Starts the documents worker (src/bin/worker.rs): loads wasm-bindgen's glue, waits for the
// app to post the worker's wasm already compiled (platform/worker.rs: WebKit refuses to
// compile wasm in a worker under the page's Content-Security-Policy), instantiates it, then
// tells the app "ready", or "failed: <why>". Messages posted before "ready" are held back by
// the app.
importScripts('./worker.js');
self.onmessage = (event) => {
  // The worker's own handler (set when its wasm starts) takes every later message.
  self.onmessage = null;
  wasm_bindgen({ module_or_path: event.data }).then(
    () => postMessage('ready'),
    (error) => postMessage('failed: ' + String(error && error.message || error)),
  );
};
