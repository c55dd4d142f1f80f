// Reading and writing the parts of a wasm module's binary that the build's scripts touch.

/** `value` as unsigned LEB128. */
export function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/** A name as the binary holds it: its length, then its UTF-8. */
export function encodeName(s) {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from(leb(b.length)), b]);
}

/** A cursor over `bytes`: unsigned LEB128 numbers, names, and one import's entry. */
export function reader(bytes, at = 0) {
  const r = {
    get at() { return at; },
    set at(value) { at = value; },
    byte: () => bytes[at++],
    u32() {
      let result = 0, shift = 0, byte;
      do { byte = bytes[at++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      return result >>> 0;
    },
    name() {
      const n = r.u32();
      const s = Buffer.from(bytes.subarray(at, at + n)).toString('utf8');
      at += n;
      return s;
    },
    /** One entry of the import section: its names, whether it is a function, its description's bytes. */
    import() {
      const module = r.name();
      const field = r.name();
      const start = at;
      const kind = bytes[at++];
      if (kind === 0) r.u32();
      else if (kind === 1) { at++; const flags = r.u32(); r.u32(); if (flags & 1) r.u32(); }
      else if (kind === 2) { const flags = r.u32(); r.u32(); if (flags & 1) r.u32(); }
      else if (kind === 3) at += 2;
      else if (kind === 4) { at++; r.u32(); }
      else throw new Error(`wasm: import kind ${kind} unknown`);
      return { module, field, isFunction: kind === 0, desc: bytes.subarray(start, at) };
    },
  };
  return r;
}

/** The module's sections in order: each one's id, its bytes (id and size included) and a cursor at its content. */
export function* sections(bytes) {
  const r = reader(bytes, 8);
  while (r.at < bytes.length) {
    const start = r.at;
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    yield { id, whole: bytes.subarray(start, end), content: reader(bytes, r.at), end };
    r.at = end;
  }
}
