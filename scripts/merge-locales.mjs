// Trunk post-build hook: merges each language's tables (locales/{lang}/*.json) into one file,
// locales/{lang}.json, in the built app. English is compiled into the app; the others are
// fetched when a shopper needs them, so no one downloads three languages they do not read.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join(process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist', 'locales');
mkdirSync(out, { recursive: true });
for (const lang of readdirSync('locales')) {
  const merged = {};
  for (const file of readdirSync(join('locales', lang)).sort()) {
    Object.assign(merged, JSON.parse(readFileSync(join('locales', lang, file), 'utf8')));
  }
  writeFileSync(join(out, `${lang}.json`), JSON.stringify(merged));
}
