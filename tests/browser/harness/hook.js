// Installed by the browser-test harness before any script of every document runs.
// Collects what would make a page blank or broken into window.__cchcErrors.
(() => {
  if (window.__cchcErrors) return;
  const errors = [];
  Object.defineProperty(window, '__cchcErrors', { value: errors });
  const MAX = 4000;
  const show = (value) => {
    try {
      if (value instanceof Error) return (value.stack && value.stack.includes(value.message)) ? value.stack : `${value.name}: ${value.message}\n${value.stack || ''}`;
      if (typeof value === 'object' && value !== null) return JSON.stringify(value);
    } catch (_) { /* fall through */ }
    return String(value);
  };
  const push = (text) => errors.push(text.length > MAX ? text.slice(0, MAX) + ' …' : text);

  const consoleError = console.error;
  console.error = function (...args) {
    push('console.error: ' + args.map(show).join(' '));
    return consoleError.apply(this, args);
  };
  window.addEventListener('error', (event) => {
    if (event.target && event.target !== window && event.target.tagName) {
      const t = event.target;
      push(`failed to load <${t.tagName.toLowerCase()}> ${t.src || t.href || ''}`);
    } else {
      push('uncaught exception: ' + (event.error ? show(event.error) : event.message));
    }
  }, true);
  // A wasm module that fails to compile or instantiate, however the page awaited it (WebKit
  // reports a module script's rejected top-level await nowhere else).
  if (window.WebAssembly) {
    for (const name of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
      const real = WebAssembly[name];
      if (typeof real !== 'function') continue;
      WebAssembly[name] = function (...args) {
        return real.apply(this, args).catch((error) => {
          push(`WebAssembly.${name} failed: ` + show(error));
          throw error;
        });
      };
    }
  }
  window.addEventListener('unhandledrejection', (event) => {
    push('unhandled promise rejection: ' + show(event.reason));
  });
})();
