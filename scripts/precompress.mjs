// Writes `file.br` and `file.gz` beside every text and wasm file in a built app folder, once,
// at the highest levels, so the server sends compressed bytes without compressing per request.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const worth = new Set(['.wasm', '.js', '.css', '.html', '.json', '.svg', '.txt']);
let count = 0;
for (const name of readdirSync(dir, { recursive: true })) {
  const path = join(dir, String(name));
  if (!statSync(path).isFile() || !worth.has(extname(path))) continue;
  const raw = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
  count++;
}
console.error(`precompressed ${count} files in ${dir}`);
