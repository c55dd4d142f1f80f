// Removes exports from a built wasm file that nothing in the app uses but a dependency declares:
// the stream adapters of `wasm-streams` (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`), which
// leptos' `server_fn` brings for server functions this app has none of. An export keeps its code
// alive through every optimisation; without it, `wasm-opt --remove-unused-module-elements` drops
// the code (`scripts/build-app.sh`). Given wasm-bindgen's JS loader too, their classes go from it
// as well (nothing imports them; their methods would call functions that are gone).
//
//   node scripts/drop-exports.mjs app_bg.wasm [app.js]      (the JS before it is minified)
import { readFileSync, writeFileSync } from 'node:fs';
import { leb, sections } from './wasm-binary.mjs';

/** Export names (lower case, as wasm-bindgen writes them) that go. */
const UNUSED = /^(__wbg_)?intounderlying(source|sink|bytesource)_/;

/** The wasm without the exports `unused` names, and their names. */
export function dropExports(bytes, unused = UNUSED) {
  const parts = [bytes.subarray(0, 8)];
  const dropped = [];
  for (const { id, whole, content: r, end } of sections(bytes)) {
    if (id !== 7) {
      parts.push(whole);
      continue;
    }
    const kept = [];
    for (let i = 0, n = r.u32(); i < n; i++) {
      const entry = r.at;
      const name = r.name();
      r.byte(); // kind
      r.u32(); // index
      if (unused.test(name)) dropped.push(name);
      else kept.push(bytes.subarray(entry, r.at));
    }
    if (r.at !== end) throw new Error('drop-exports: the export section did not parse');
    const content = Buffer.concat([Buffer.from(leb(kept.length)), ...kept]);
    parts.push(Buffer.from([7, ...leb(content.length)]), content);
  }
  return { bytes: Buffer.concat(parts), dropped };
}

/** Classes of the JS loader (as wasm-bindgen writes them) that go with their exports. */
const UNUSED_CLASS = /IntoUnderlying(Source|Sink|ByteSource)/;

/**
 * wasm-bindgen's JS without the classes named by `unused`: each class, the line giving it
 * `Symbol.dispose` and its finalisation registry. Throws if anything else still names one.
 */
export function dropClasses(js, unused = UNUSED_CLASS) {
  const declaration = new RegExp(`^export class (${unused.source}) \\{$`, 'm');
  let out = js;
  for (let found = declaration.exec(out); found; found = declaration.exec(out)) {
    // wasm-bindgen's class bodies hold no braces in strings: count them to the class's end.
    let at = found.index + found[0].length;
    for (let depth = 1; depth; at++) {
      if (at >= out.length) throw new Error(`drop-exports: class ${found[1]} does not end`);
      if (out[at] === '{') depth++;
      else if (out[at] === '}') depth--;
    }
    out = out.slice(0, found.index) + out.slice(at);
  }
  const name = `(?:${unused.source})`;
  out = out.replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, 'gm'), '');
  out = out.replace(new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'gm'), '');
  if (unused.test(out)) throw new Error('drop-exports: the JS still names a class it dropped');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasmPath, jsPath] = process.argv.slice(2);
  const { bytes, dropped } = dropExports(readFileSync(wasmPath));
  writeFileSync(wasmPath, bytes);
  if (jsPath) writeFileSync(jsPath, dropClasses(readFileSync(jsPath, 'utf8')));
  console.log(`drop-exports: ${dropped.length} exports dropped from ${wasmPath}${jsPath ? `, their classes from ${jsPath}` : ''}`);
}
