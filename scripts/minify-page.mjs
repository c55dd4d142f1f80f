// Minifies a built page in place: its comments, the spaces of its inline stylesheet, and its
// inline scripts (through terser). What a server rewrites in the page stays as built (the
// elements with ids, the `data-i18n` marks, the header's markup, the quoted attributes): only
// comments, whitespace between tags and the contents of `<style>` and executable `<script>`
// elements change (a script's strings keep their quotes: the server finds the wasm's address by
// `_bg.wasm'`).
//
//   node scripts/minify-page.mjs dist/shop.html
import { readFileSync, writeFileSync } from 'node:fs';
// terser as `make` installs it (scripts/tools.sh), beside wasm-opt.
const { minify } = await import(new URL('../.tools/node_modules/terser/main.js', import.meta.url).href);

/** CSS without comments and without the spaces nothing reads; strings are kept as written. */
export function minifyCss(css) {
  let out = '';
  let space = false;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
      space = true;
      continue;
    }
    if (/\s/.test(c)) {
      space = true;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      if (space && out && !/[{};,:]$/.test(out)) out += ' ';
      out += css.slice(i, j + 1);
      i = j;
      space = false;
      continue;
    }
    // A space matters only between two things that are neither a block's nor a declaration's
    // punctuation (`a b`, `0 auto`, `calc(1px + 2px)`, `.x :focus`); never after a colon (no
    // selector has one there).
    if (space && out && !/[{};,:]$/.test(out) && !'{};,'.includes(c)) out += ' ';
    space = false;
    // `;}`: the last declaration needs no semicolon.
    if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
    out += c;
  }
  return out;
}

/** The page with comments, inline CSS and inline scripts minified. */
export async function minifyPage(html) {
  // Comments (none is inside a script or style: a script's own comments are `//` and `/* */`).
  html = html.replace(/<!--[\s\S]*?-->/g, '');
  html = html.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open, css, close) => open + minifyCss(css) + close);
  const scripts = [];
  html.replace(/<script(?![^>]*type="application\/json")([^>]*)>([\s\S]*?)<\/script>/g, (whole, attributes, code) => {
    if (code.trim()) scripts.push({ whole, attributes, code });
    return whole;
  });
  for (const { whole, attributes, code } of scripts) {
    const module = /type="module"/.test(attributes);
    const result = await minify(code, { module, compress: true, mangle: true, format: { comments: false, quote_style: 3 } });
    if (typeof result.code !== 'string') throw new Error('minify-page: terser gave no code');
    html = html.replace(whole, () => `<script${attributes}>${result.code}</script>`);
  }
  // Whitespace between tags (none of the page's text is preformatted).
  return html.replace(/>\s+</g, '><').trim() + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const path of process.argv.slice(2)) {
    const before = readFileSync(path, 'utf8');
    writeFileSync(path, await minifyPage(before));
  }
}
