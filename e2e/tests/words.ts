import fs from 'node:fs';
import path from 'node:path';

/** The app's languages, as `locales/{lang}/` names them. */
export const LANGS = ['en', 'ru', 'uk', 'sk'] as const;
export type Lang = (typeof LANGS)[number];

const root = path.resolve(__dirname, '../../locales');
const mailRoot = path.resolve(__dirname, '../../crates/vitrina-server/emails/locales');
const cache = new Map<Lang, Record<string, string>>();
const mailCache = new Map<Lang, Record<string, string>>();

/** Every key → text of one language (all of its `locales/{lang}/*.json` tables together). */
export function table(lang: Lang): Record<string, string> {
  let merged = cache.get(lang);
  if (!merged) {
    merged = {};
    const dir = path.join(root, lang);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      Object.assign(merged, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    }
    cache.set(lang, merged);
  }
  return merged;
}

/** Every key → text of the reference backend's e-mails in one language. */
function mailTable(lang: Lang): Record<string, string> {
  let words = mailCache.get(lang);
  if (!words) {
    words = JSON.parse(fs.readFileSync(path.join(mailRoot, `${lang}.json`), 'utf8')) as Record<string, string>;
    mailCache.set(lang, words);
  }
  return words;
}

/** A pattern for the e-mail text of `key` in `lang`: the given placeholders filled in, the
 * others matching any text. */
export function mailPattern(lang: Lang, key: string, args: Record<string, string> = {}): RegExp {
  const text = mailTable(lang)[key];
  if (text === undefined) throw new Error(`no e-mail text for ${key} in ${lang}`);
  return textPattern(text, args);
}

/** The text of `key` in `lang`, with `{name}` placeholders filled in. */
export function t(lang: Lang, key: string, args: Record<string, string> = {}): string {
  const text = table(lang)[key];
  if (text === undefined) throw new Error(`no text for ${key} in ${lang}`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => args[name] ?? whole);
}

/** Text as a person reads it: Intl's narrow and non-breaking spaces made plain, runs of space one. */
export function plainText(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Patterns for the texts of some keys in `lang`; a key ending in `.` stands for every key that
 * starts with it. Placeholders match any text.
 */
export function patterns(lang: Lang, keys: string[]): { key: string; pattern: RegExp }[] {
  const all = table(lang);
  const chosen = Object.keys(all).filter((k) => keys.some((want) => (want.endsWith('.') ? k.startsWith(want) : k === want)));
  return chosen.map((key) => ({ key, pattern: textPattern(all[key]) }));
}

/** A pattern for `text` as a person reads it: the placeholders named in `args` filled in, the
 * others matching any text. */
function textPattern(text: string, args: Record<string, string> = {}): RegExp {
  const parts = plainText(text).split(/(\{\w+\})/);
  return new RegExp(
    parts
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return escapeRegExp(part);
        return name in args ? escapeRegExp(plainText(args[name])) : '.+?';
      })
      .join(''),
  );
}
