// WebKit only (its WebDriver cannot save downloads into a folder): installed by the harness
// before any script of the page. A click on a link with a `download` attribute to a blob URL
// (what src/platform/download.rs makes) is taken over: the blob (remembered when its URL was
// made, so no fetch of blob: that the page's CSP would refuse) and the file name go to the test
// server (same origin), which writes them into the session's download folder, so
// page.downloads() and page.wait_for_download() read them as in the other engines.
(() => {
  if (window.__cchcDownloadCapture) return;
  Object.defineProperty(window, '__cchcDownloadCapture', { value: true });
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const fail = (why) => {
    if (window.__cchcErrors) window.__cchcErrors.push('download capture failed: ' + why);
  };
  window.addEventListener('click', (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[download]') : null;
    if (!link || !link.href.startsWith('blob:')) return;
    event.preventDefault();
    const blob = blobs.get(link.href);
    if (!blob) {
      fail('no blob was made for ' + link.href);
      return;
    }
    const name = link.getAttribute('download') || 'download';
    // A download made while the test server is stopped (the offline tests) is delivered once
    // it is back: a network failure is retried for up to 30 s.
    const started = Date.now();
    const deliver = () =>
      fetch('/__cchc_test/download?name=' + encodeURIComponent(name), { method: 'POST', body: blob })
        .then((response) => {
          if (!response.ok) throw new Error('the test server refused it: ' + response.status);
        }, (error) => {
          if (Date.now() - started < 30000) return new Promise((resolve) => setTimeout(resolve, 250)).then(deliver);
          throw error;
        });
    deliver().catch(fail);
  }, true);
})();
