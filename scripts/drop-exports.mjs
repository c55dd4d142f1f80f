// Removes exports from a built wasm file that nothing in the app uses but a dependency declares:
// the stream adapters of `wasm-streams` (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`), which
// leptos' `server_fn` brings for server functions this app has none of. An export keeps its code
// alive through every optimisation; without it, `wasm-opt --remove-unused-module-elements` drops
// the code (`scripts/build-app.sh`). Their classes stay in the JS loader, which nothing imports;
// their methods would call functions that are gone, and nothing calls them.
//
//   node scripts/drop-exports.mjs app_bg.wasm
import { readFileSync, writeFileSync } from 'node:fs';

/** Export names (lower case, as wasm-bindgen writes them) that go. */
const UNUSED = /^(__wbg_)?intounderlying(source|sink|bytesource)_/;

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

export function dropExports(bytes, unused = UNUSED) {
  let at = 8;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[at++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return result >>> 0;
  };
  const parts = [bytes.subarray(0, 8)];
  const dropped = [];
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = u32();
    const end = at + size;
    if (id !== 7) {
      parts.push(bytes.subarray(start, end));
      at = end;
      continue;
    }
    const kept = [];
    for (let i = 0, n = u32(); i < n; i++) {
      const entry = at;
      const nameLength = u32();
      const name = Buffer.from(bytes.subarray(at, at + nameLength)).toString('utf8');
      at += nameLength;
      at++; // kind
      u32(); // index
      if (unused.test(name)) dropped.push(name);
      else kept.push(bytes.subarray(entry, at));
    }
    if (at !== end) throw new Error('drop-exports: the export section did not parse');
    const content = Buffer.concat([Buffer.from(leb(kept.length)), ...kept]);
    parts.push(Buffer.from([7, ...leb(content.length)]), content);
    at = end;
  }
  return { bytes: Buffer.concat(parts), dropped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasmPath] = process.argv.slice(2);
  const { bytes, dropped } = dropExports(readFileSync(wasmPath));
  writeFileSync(wasmPath, bytes);
  console.log(`drop-exports: ${dropped.length} exports dropped from ${wasmPath}`);
}
