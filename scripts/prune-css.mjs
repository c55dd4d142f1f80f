// Takes out of a built page's (minified) inline stylesheet the rules no element of its area can
// match: the stylesheet is one for the whole app (`style/main.css`), and each area's page carried
// the others' rules (the editor's in the catalog's page, the tracking timeline's in the checkout's).
//
// A rule goes only when each of its selectors names a class that nothing of the area writes: not
// the area's wasm (its texts, where every class the app sets is spelt, whole or as the start of
// one it completes, like `phase-bar__step--`), not the page as built, not what the server writes
// into the page (`crates/vitrina-core/src/routes/`, `crates/vitrina-server/src/http/spa.rs`). A
// class counts as written when its block (the name before `__` or `--`) appears anywhere in those,
// so a rule for a block the area has at all stays. Classes inside `:not()` do not count.
//
//   node scripts/prune-css.mjs dist/shop.html dist/app_bg.wasm
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The blocks (`phase-bar` of `.phase-bar__step--done`) of the classes a selector needs. */
export function neededBlocks(selector) {
  const outside = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
  return [...outside.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1].split(/__|--/)[0]);
}

/**
 * `css` (minified: `selector{declarations}` and `@media …{…}`) without the rules whose every
 * selector needs a block `written` does not contain; an `@media` left empty goes too.
 */
export function pruneCss(css, written) {
  const mayMatch = (selectors) => selectors.split(',').some((s) => neededBlocks(s).every((block) => written.includes(block)));
  let out = '';
  let at = 0;
  while (at < css.length) {
    const open = css.indexOf('{', at);
    if (open < 0) {
      out += css.slice(at);
      break;
    }
    const prelude = css.slice(at, open);
    // The block's end, counting nested braces (only `@media` nests here).
    let depth = 1;
    let end = open + 1;
    for (; depth && end < css.length; end++) {
      if (css[end] === '{') depth++;
      else if (css[end] === '}') depth--;
    }
    if (depth) throw new Error('prune-css: a block does not end');
    const body = css.slice(open + 1, end - 1);
    if (prelude.startsWith('@media') || prelude.startsWith('@supports')) {
      const inner = pruneCss(body, written);
      if (inner.trim()) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@') || mayMatch(prelude)) {
      out += `${prelude}{${body}}`;
    }
    at = end;
  }
  return out;
}

/** The text a built page's area writes classes with: its wasm's bytes, the page, the server's outline. */
export function writtenBy(page, wasm, root) {
  const sources = [join(root, 'crates/vitrina-core/src/routes'), join(root, 'crates/vitrina-server/src/http/spa.rs')];
  const server = sources.flatMap((path) =>
    path.endsWith('.rs') ? [readFileSync(path, 'utf8')] : readdirSync(path).filter((f) => f.endsWith('.rs')).map((f) => readFileSync(join(path, f), 'utf8')),
  );
  // The page without its stylesheet, which names every class.
  const markup = readFileSync(page, 'utf8').replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
  return [readFileSync(wasm).toString('latin1'), markup, ...server].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [pagePath, wasmPath] = process.argv.slice(2);
  const root = new URL('..', import.meta.url).pathname;
  const written = writtenBy(pagePath, wasmPath, root);
  const html = readFileSync(pagePath, 'utf8');
  let before = 0;
  let after = 0;
  const pruned = html.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open, css, close) => {
    const kept = pruneCss(css, written);
    before += css.length;
    after += kept.length;
    return open + kept + close;
  });
  writeFileSync(pagePath, pruned);
  console.log(`prune-css: ${pagePath}'s stylesheet ${before} → ${after} bytes`);
}
