// Gives a built wasm's imports and exports short names, in the wasm and in wasm-bindgen's JS
// loader alike. wasm-bindgen names each import after its Rust binding with a hash
// (`__wbg_location_7320782274fc691b`) and each closure adapter after its full Rust type (exports of
// hundreds of characters); the hashes do not compress, and every name is shipped twice, once in
// each file. Nothing outside the two files knows these names: the page's loader calls the JS
// module's default export, and the JS reaches the wasm only through its import object and
// `wasm.<export>`.
//
// The JS is changed only where wasm-bindgen writes these names: an import as a key of the import
// object (`name: function(…)`), an export as `wasm.name`. An import the JS does not define exactly
// once, or an export it reaches in any other way, stops the build: the page would not start.
//
//   node scripts/short-names.mjs app_bg.wasm app.js      (before the JS is minified)
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeName as encode, leb, sections } from './wasm-binary.mjs';

/** Short names: a, b, …, Z, aa, ab, …, skipping the words JS reserves. */
export function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const reserved = new Set(['do', 'if', 'in', 'for', 'let', 'new', 'try', 'var']);
  for (let length = 1; ; length++) {
    const total = letters.length ** length;
    for (let i = 0; i < total; i++) {
      let name = '';
      for (let n = i, k = 0; k < length; k++, n = Math.floor(n / letters.length)) name = letters[n % letters.length] + name;
      if (!reserved.has(name)) yield name;
    }
  }
}

const escape = (s) => s.replace(/[$]/g, '\\$');

/** The wasm with its import fields and export names replaced, and the two maps (old → new). */
export function shortenWasm(bytes) {
  const imports = new Map();
  const exports = new Map();
  const parts = [bytes.subarray(0, 8)];
  for (const { id, whole, content: r, end } of sections(bytes)) {
    if (id !== 2 && id !== 7) {
      parts.push(whole);
      continue;
    }
    const names = shortNames();
    const entries = [];
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      const name = names.next().value;
      if (id === 2) {
        const { module, field, desc } = r.import();
        if (imports.has(field)) throw new Error(`short-names: import ${field} twice`);
        imports.set(field, name);
        entries.push(encode(module), encode(name), desc);
      } else {
        exports.set(r.name(), name);
        const desc = r.at;
        r.byte();
        r.u32();
        entries.push(encode(name), bytes.subarray(desc, r.at));
      }
    }
    if (r.at !== end) throw new Error(`short-names: section ${id} did not parse`);
    const content = Buffer.concat([Buffer.from(leb(count)), ...entries]);
    parts.push(Buffer.from([id, ...leb(content.length)]), content);
  }
  return { bytes: Buffer.concat(parts), imports, exports };
}

/** wasm-bindgen's JS with the same names replaced; throws where it reaches a name another way. */
export function shortenJs(js, imports, exports) {
  let out = js;
  for (const [old, name] of imports) {
    const key = new RegExp(`(?<=^|[\\s,{])${escape(old)}(?=\\s*:)`, 'gm');
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`short-names: the JS defines import ${old} ${found} times`);
    out = out.replace(key, name);
  }
  // What the JS offers that the wasm no longer imports (its callers optimised away) is never
  // looked up: a short name of its own is enough (`_a`, …: the imports' have no underscore).
  const names = shortNames();
  out = out.replace(/(?<=^|[\s,{])__wbg_\w+_[0-9a-f]{16}(?=\s*:)/gm, () => `_${names.next().value}`);
  for (const [old, name] of exports) {
    out = out.replace(new RegExp(`(?<=\\bwasm\\.)${escape(old)}(?![\\w$])`, 'g'), name);
  }
  // What is left may only be the JS's own functions of the same names, which the minifier renames:
  // never a property or a string.
  for (const old of [...imports.keys(), ...exports.keys()]) {
    const name = escape(old);
    if (new RegExp(`(?<=[.'"\\[])${name}(?![\\w$])|(?<![\\w$])${name}\\s*:(?!:)`).test(out)) {
      throw new Error(`short-names: the JS still reaches ${old} by name`);
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasmPath, jsPath] = process.argv.slice(2);
  const { bytes, imports, exports } = shortenWasm(readFileSync(wasmPath));
  const js = shortenJs(readFileSync(jsPath, 'utf8'), imports, exports);
  writeFileSync(wasmPath, bytes);
  writeFileSync(jsPath, js);
  console.log(`short-names: ${imports.size} imports and ${exports.size} exports renamed in ${wasmPath} and ${jsPath}`);
}
