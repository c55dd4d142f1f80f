// A plain static host for the built app, as any deployment would have: the files of `dist/`, the
// app's page for every other path (each area's own page when the build is split by area, as a
// host's rewrite rules would send it), and a `config.json` that points the app at another backend.
//
//   node static-server.mjs <port> <dist> <api_base_url>
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [port, dist, apiBaseUrl] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};
const config = JSON.stringify({
  api_base_url: apiBaseUrl,
  store_name: 'Mock Store',
  default_locale: 'en',
  currency: 'RUB',
  request_timeout_ms: 5000,
  countries: ['RU', 'KZ'],
  default_country: 'RU',
  order_number: { example: 'M-1001', characters: 'alphanumeric', max_length: 20 },
  contact_limits: { per_sender: 5, window_minutes: 60 },
  demo: false,
});

// The page of the area a path belongs to, from the route table the build wrote (`dist/areas.json`,
// see README, "Pointing the app at another backend"); a build of one app has only `index.html`.
const table = fs.existsSync(path.join(dist, 'areas.json'))
  ? JSON.parse(fs.readFileSync(path.join(dist, 'areas.json'), 'utf8'))
  : { areas: [], fallback: 'index.html' };

// A pattern's segments against a path's: `:name` is one non-empty segment, one trailing `/` is allowed.
function matches(pattern, pathname) {
  const segments = (p) => (p === '/' || p === '' ? [] : p.replace(/^\//, '').replace(/\/$/, '').split('/'));
  const want = segments(pattern);
  const got = pathname === '/' ? [] : segments(pathname);
  if (!pathname.startsWith('/') || got.some((s) => s === '') || want.length !== got.length) return false;
  return want.every((w, i) => (w.startsWith(':') ? true : w === got[i]));
}

function appPage(pathname) {
  const area = table.areas.find((a) => a.patterns.some((p) => matches(p, pathname)));
  const page = area && path.join(dist, area.html);
  return page && fs.existsSync(page) ? page : path.join(dist, table.fallback);
}

http
  .createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(config);
      return;
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
    const found = file.startsWith(path.resolve(dist)) && fs.existsSync(file) && fs.statSync(file).isFile();
    const served = found ? file : appPage(pathname);
    res.writeHead(200, { 'content-type': types[path.extname(served)] ?? 'application/octet-stream' });
    fs.createReadStream(served).pipe(res);
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`static host on ${port} for ${dist}`));
