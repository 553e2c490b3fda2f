// Benchmark-only: serves dist/ as a static host with compression would (gzip level 9 when the
// browser accepts it), so Lighthouse measures what a drafter on a slow link downloads.
// Usage: node bench/serve_gzip.js <dist> <port>. Never part of the app.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 8099);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};
const cache = new Map();

http
  .createServer((req, res) => {
    let file = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (file.endsWith('/')) file += 'index.html';
    const full = path.join(root, file);
    if (!full.startsWith(root) || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = types[path.extname(full)] || 'application/octet-stream';
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    let body = fs.readFileSync(full);
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (gzip) {
      if (!cache.has(full)) cache.set(full, zlib.gzipSync(body, { level: 9 }));
      body = cache.get(full);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(port, '127.0.0.1', () => console.log(`serving ${root} gzipped on http://127.0.0.1:${port}/`));
