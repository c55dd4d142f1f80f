// Trunk post-build hook: the app's words as the built app serves them.
//
// - `locales/{lang}.json`: every table of a language (`locales/{lang}/*.json`) in one file: the
//   words a build of every area fetches (other than English, which that build compiles in), and
//   those a server writes into the pages it sends.
// - `locales/{area}/{lang}.json`, for every area and every language, English too: only the keys
//   that area's code can ask for. An area's build compiles no words in (but those it needs to
//   say that its words could not be loaded: `build.rs`); it fetches its area's file of the
//   shopper's language, so no one downloads the words of pages they are not on, or of a language
//   they do not read.
//
// An area's code is the app's shared modules plus its features' folders (`src/{feature}/`), and
// every feature folder those name (`crate::contact` in the order page's code brings the contact
// card's words), and the account's (the header's link). A key is kept when that code has it as
// a string literal (`"cart.title"`, wherever it stands, inside a larger literal too), with every
// plural form of each.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The feature folders each area's routes come from (as `src/areas.rs` declares them). */
const AREAS = {
  // The cart's page is in the checkout's folder.
  shop: ['catalog', 'checkout'],
  checkout: ['checkout'],
  orders: ['confirmation'],
  track: ['tracking'],
  contact: ['contact'],
  // The editor's preview shows the contact card.
  seller: ['contact/editor', 'contact'],
  account: ['account'],
};

/** The feature folders under `src/`: everything else there is shared by every area. A folder
 * inside another is its own (the seller's editor is not part of the contact card that order and
 * tracking pages show). */
const FEATURES = ['catalog', 'checkout', 'confirmation', 'tracking', 'contact', 'contact/editor', 'account'];

/** Feature folders every area's words include: the header's account link. */
const SHARED_FEATURES = ['account'];

const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

const out = join(process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist', 'locales');

/** `nav.cart_items.few` → `nav.cart_items`. */
function pluralBase(key) {
  const dot = key.lastIndexOf('.');
  return dot > 0 && PLURAL_CATEGORIES.includes(key.slice(dot + 1)) ? key.slice(0, dot) : key;
}

function rustFiles(path, found = []) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) rustFiles(join(path, entry), found);
  } else if (path.endsWith('.rs')) {
    found.push(path);
  }
  return found;
}

/** Whether `source` uses the feature module `feature` (`crate::contact::…`, `use crate::{contact, …}`). */
function namesFeature(source, feature) {
  const path = `crate::${feature}`;
  for (let at = source.indexOf(path); at >= 0; at = source.indexOf(path, at + 1)) {
    if (!/[A-Za-z0-9_]/.test(source[at + path.length] ?? '')) return true;
  }
  for (let at = source.indexOf('use crate::{'); at >= 0; at = source.indexOf('use crate::{', at + 1)) {
    const end = source.indexOf('}', at);
    if (source.slice(at, end < 0 ? undefined : end).split(/[^A-Za-z0-9_]/).includes(feature)) return true;
  }
  return false;
}

/** The source of the shared code and of `features` (and of every feature folder they name), as one text. */
function codeOf(src, features) {
  const inFeature = (file, feature) => relative(join(src, feature), file).split(sep)[0] !== '..';
  let code = rustFiles(src)
    .filter((file) => !FEATURES.some((feature) => inFeature(file, feature)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
  const wanted = [...features, ...SHARED_FEATURES];
  const taken = new Set();
  while (wanted.length) {
    const feature = wanted.pop();
    if (taken.has(feature)) continue;
    taken.add(feature);
    const files = rustFiles(join(src, feature)).filter(
      (file) => !FEATURES.some((inner) => inner.length > feature.length && inFeature(file, inner)),
    );
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      wanted.push(...FEATURES.filter((other) => namesFeature(source, other)));
      code += source;
    }
  }
  return code;
}

/** Every key → text of one language. */
function language(lang) {
  const merged = {};
  for (const file of readdirSync(join('locales', lang)).sort()) {
    Object.assign(merged, JSON.parse(readFileSync(join('locales', lang, file), 'utf8')));
  }
  return merged;
}

const languages = readdirSync('locales').filter((lang) => statSync(join('locales', lang)).isDirectory());
const words = Object.fromEntries(languages.map((lang) => [lang, language(lang)]));
mkdirSync(out, { recursive: true });
for (const lang of languages) writeFileSync(join(out, `${lang}.json`), JSON.stringify(words[lang]));
for (const [area, features] of Object.entries(AREAS)) {
  const code = codeOf('src', features);
  const asked = (key) => code.includes(`"${key}"`) || code.includes(`"${pluralBase(key)}"`);
  mkdirSync(join(out, area), { recursive: true });
  for (const lang of languages) {
    const kept = Object.fromEntries(Object.entries(words[lang]).filter(([key]) => asked(key)));
    writeFileSync(join(out, area, `${lang}.json`), JSON.stringify(kept));
  }
}
