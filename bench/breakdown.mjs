// Where the bytes of each area's wasm are: by crate and by part of the app, raw and brotli.
//
// Reads wasm files that still carry their name section (`scripts/build-app.sh` keeps each area's
// build, optimised like the shipped one but with names: `target/sizes/{area}.wasm`), walks the
// code and data sections itself, and puts every function under the crate and the feature that
// its (demangled) name says. Brotli is measured per group (each group's bytes compressed on
// their own), so the groups add up to a little more than the whole file compresses to.
//
//   node bench/breakdown.mjs target/sizes/*.wasm        print the tables
//   BREAKDOWN_JSON=out.json node bench/breakdown.mjs …  also write them as JSON
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const KB = 1024;

/** The function bodies (with their names) and data segments of a wasm module. */
export function parseWasm(bytes) {
  let at = 8;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[at++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return result >>> 0;
  };
  const name = () => { const n = u32(); const s = Buffer.from(bytes.subarray(at, at + n)).toString('utf8'); at += n; return s; };
  let imported = 0;
  const bodies = [];
  const data = [];
  const names = new Map();
  const dataNames = new Map();
  let total = 0;
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const start = at, end = at + size;
    if (id === 2) {
      // Imports: imported functions come first in the function index space.
      for (let i = 0, n = u32(); i < n; i++) {
        name(); name();
        const kind = bytes[at++];
        if (kind === 0) { u32(); imported++; }
        else if (kind === 1) { at++; const flags = u32(); u32(); if (flags & 1) u32(); }
        else if (kind === 2) { const flags = u32(); u32(); if (flags & 1) u32(); }
        else if (kind === 3) { at += 2; }
        else if (kind === 4) { at++; u32(); }
      }
    } else if (id === 10) {
      for (let i = 0, n = u32(); i < n; i++) {
        const len = u32();
        bodies.push({ index: imported + i, bytes: bytes.subarray(at, at + len + 0) });
        at += len;
      }
    } else if (id === 11) {
      for (let i = 0, n = u32(); i < n; i++) {
        const flags = u32();
        if (flags === 2) u32();
        if (flags !== 1) { while (bytes[at] !== 0x0b) at++; at++; }
        const len = u32();
        data.push({ index: i, bytes: bytes.subarray(at, at + len) });
        at += len;
      }
    } else if (id === 0) {
      const section = name();
      if (section === 'name') {
        while (at < end) {
          const sub = bytes[at++];
          const subSize = u32();
          const subEnd = at + subSize;
          const into = sub === 1 ? names : sub === 9 ? dataNames : null;
          if (into) for (let i = 0, n = u32(); i < n; i++) { const index = u32(); into.set(index, name()); }
          at = subEnd;
        }
      }
    }
    if (id !== 0 || true) total += end - start;
    at = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func[${b.index}]`;
  for (const d of data) d.name = dataNames.get(d.index) ?? `data[${d.index}]`;
  return { bodies, data };
}

/** The crate a function belongs to: the type's crate for `<T as Trait>::f`, else the path's first segment. */
export function crateOf(name) {
  let n = name.replace(/^core::ptr::drop_in_place<(.*)>::h[0-9a-f]+$/, '$1');
  n = n.replace(/^[<&(\[*]+|^(mut|const|dyn) /g, '');
  while (/^[<&(\[*]|^(mut|const|dyn) /.test(n)) n = n.replace(/^[<&(\[*]+|^(mut|const|dyn) /, '');
  // `<F as Trait>::f` for a generic or primitive `F`: the trait's crate.
  const generic = /^[A-Za-z_][A-Za-z0-9_]*(<[^>]*>)? as ([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(n);
  if (generic) return generic[2];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(n);
  if (!m) return /^(func|\$)/.test(name) ? '(unnamed)' : '(other)';
  return m[1];
}

/** What a function does for the app: the feature module, or the kind of library code. */
export function partOf(name) {
  const serde = /serde|Deserializ|__FieldVisitor|__Visitor|__Field\b/.test(name);
  if (serde) return /Serializ|serde::ser|serde_core::ser|serialize_/.test(name) && !/Deserializ/.test(name) ? 'JSON encoding (serde)' : 'JSON decoding (serde)';
  // The app's own JSON reader and the contract types' derived `Decode`.
  if (/vitrina_core(\[[0-9a-f]+\])?::json::/.test(name)) return 'JSON decoding (vitrina-core json)';
  if (/core::fmt|alloc::fmt|core::panicking|panic|as core::fmt::(Display|Debug)>|core::result::unwrap_failed|core::option::expect_failed|slice_index|str_index/.test(name)) return 'formatting and panics';
  const crate = crateOf(name);
  // The module right after the crate's name, in the function's own path (not its type parameters).
  const module = (c) => new RegExp(`(?:^|[<&( ])${c}(?:\\[[0-9a-f]+\\])?::([a-z_0-9]+)`).exec(name)?.[1] ?? '(root)';
  if (crate === 'vitrina') return `app: ${module('vitrina')}`;
  if (crate === 'vitrina_core') return `vitrina-core: ${module('vitrina_core')}`;
  if (/^(leptos|leptos_router|leptos_dom|tachys|reactive_graph|reactive_stores|any_spawner|or_poisoned|send_wrapper|throw_error|oco_ref|leptos_macro|hydration_context|either_of|next_tuple)$/.test(crate)) return 'leptos (reactive graph, renderer)';
  if (/^(wasm_bindgen|js_sys|web_sys|wasm_bindgen_futures|gloo_net|gloo_utils|gloo)$/.test(crate)) return 'browser bindings (wasm-bindgen, web-sys, gloo)';
  if (/^(core|alloc|std|dlmalloc|compiler_builtins|hashbrown)$/.test(crate)) return 'Rust standard library';
  if (/^(futures_util|futures_core|futures_channel|futures_task|pin_project|slotmap|indexmap|rustc_hash|async_lock|event_listener|concurrent_queue|guardian)$/.test(crate)) return 'async runtime and collections';
  return `other: ${crate}`;
}

function group(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k) ?? { name: k, raw: 0, parts: [] };
    g.raw += item.bytes.length;
    g.parts.push(item.bytes);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({ name: g.name, raw: g.raw, brotli: brotli(Buffer.concat(g.parts)) })).sort((a, b) => b.brotli - a.brotli);
}

/** The breakdown of one wasm file: by crate, by part, and its data segments (texts among them). */
export function breakdown(path) {
  const { bodies, data } = parseWasm(readFileSync(path));
  const texts = (d) => (Buffer.from(d.bytes).includes('"nav.skip"') ? 'English texts' : 'other constants (strings, tables)');
  return {
    area: basename(path, '.wasm'),
    code: { raw: bodies.reduce((s, b) => s + b.bytes.length, 0), brotli: brotli(Buffer.concat(bodies.map((b) => b.bytes))) },
    data: { raw: data.reduce((s, d) => s + d.bytes.length, 0), brotli: brotli(Buffer.concat(data.map((d) => d.bytes))) },
    byCrate: group(bodies, (b) => crateOf(b.name)),
    byPart: [...group(bodies, (b) => partOf(b.name)), ...group(data, texts).map((g) => ({ ...g, name: `data: ${g.name}` }))].sort((a, b) => b.brotli - a.brotli),
    largest: [...bodies].sort((a, b) => b.bytes.length - a.bytes.length).slice(0, 12).map((b) => ({ name: b.name, raw: b.bytes.length })),
  };
}

const kb = (n) => (n / KB).toFixed(1);

/** Prints the breakdowns of several areas side by side: one row per group, KB brotli per area. */
export function printBreakdowns(results, top = 18) {
  const areas = results.map((r) => r.area);
  const table = (title, pick) => {
    const rows = new Map();
    for (const r of results) for (const g of pick(r)) {
      const row = rows.get(g.name) ?? { name: g.name, values: {} };
      row.values[r.area] = g.brotli;
      rows.set(g.name, row);
    }
    const sorted = [...rows.values()].sort((a, b) => Math.max(...Object.values(b.values)) - Math.max(...Object.values(a.values)));
    const shown = sorted.slice(0, top);
    const rest = sorted.slice(top);
    const width = Math.max(title.length, ...shown.map((r) => r.name.length), 12);
    console.log(`\n${title.padEnd(width)}  ${areas.map((a) => a.padStart(9)).join('')}`);
    console.log(`${'-'.repeat(width)}  ${areas.map(() => '  -------').join('')}`);
    for (const row of shown) console.log(`${row.name.padEnd(width)}  ${areas.map((a) => (row.values[a] === undefined ? '-' : kb(row.values[a])).padStart(9)).join('')}`);
    if (rest.length) console.log(`${`(${rest.length} more)`.padEnd(width)}  ${areas.map((a) => kb(rest.reduce((s, r) => s + (r.values[a] ?? 0), 0)).padStart(9)).join('')}`);
  };
  console.log('\nWasm size breakdown, KB brotli (each group compressed on its own; build with names, optimised as shipped)');
  console.log(`${'code + data'.padEnd(12)} ${results.map((r) => `${r.area} ${kb(r.code.brotli)} + ${kb(r.data.brotli)}`).join(', ')}`);
  table('by part', (r) => r.byPart);
  table('by crate', (r) => r.byCrate);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (!files.length) { console.error('usage: node bench/breakdown.mjs AREA.wasm…'); process.exit(2); }
  const results = files.map(breakdown);
  printBreakdowns(results, Number(process.env.BREAKDOWN_TOP ?? 18));
  if (process.env.BREAKDOWN_LARGEST) for (const r of results) { console.log(`\n${r.area}: largest functions`); for (const f of r.largest) console.log(`${String(f.raw).padStart(7)}  ${f.name}`); }
  if (process.env.BREAKDOWN_JSON) writeFileSync(process.env.BREAKDOWN_JSON, JSON.stringify(results, null, 2));
}
