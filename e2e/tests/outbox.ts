/**
 * The server's outbox as a mail client reads it: the `.eml` files the reference backend writes
 * into `$VITRINA_VAR/outbox`, with their subject and plain-text part decoded.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Email = { file: string; headers: string; text: string };

/** The text part of a MIME entity (its header block and body), decoded as its
 * Content-Transfer-Encoding says. Parts are split at the boundary the header names, so a line
 * of dashes in the text (the seller's signature) is text, not a boundary. */
function textPart(head: string, body: string): string {
  const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim().toLowerCase() ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
    if (!boundary) return '';
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const [partHead, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const text = textPart(partHead, rest.join('\r\n\r\n').replace(/\r\n$/, ''));
      if (text) return text;
    }
    return '';
  }
  if (type !== 'text/plain') return '';
  const encoding = (/content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The Subject header, unfolded, its RFC 2047 encoded words (Q or B encoding) decoded. */
export function subjectOf(headers: string): string {
  const folded = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(headers)?.[1] ?? '';
  return folded
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?[^?]+\?Q\?([^?]*)\?=\s*/gi, (_, text: string) =>
      Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .replace(/=\?[^?]+\?B\?([^?]*)\?=\s*/gi, (_, text: string) => Buffer.from(text, 'base64').toString('utf8'))
    .trim();
}

/** The `.eml` files in the server's outbox, with their plain-text part decoded; `store` names
 * the folder of another backend's files under `$VITRINA_VAR` (`sk`, as playwright.config.ts has it). */
export function outbox(store = ''): Email[] {
  const dir = path.join(process.env.VITRINA_VAR ?? '', store, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8');
      const [headers, ...rest] = raw.split('\r\n\r\n');
      return { file, headers, text: textPart(headers, rest.join('\r\n\r\n')) };
    });
}

/** An e-mail about an order: the event it is about (`created`, `lines_cancelled`, …), its
 * subject and its text. */
export type OrderEmail = { kind: string; subject: string; text: string };

/** Every e-mail about order `number`, in the order of the order's history; the no-break spaces
 * CLDR puts in money and times read as plain ones. */
export function orderEmails(number: string, store = ''): OrderEmail[] {
  const prefix = `order-${number}-`;
  return outbox(store)
    .filter((e) => e.file.startsWith(prefix))
    .map((e) => {
      const [seq, ...kind] = e.file.slice(prefix.length).replace(/\.eml$/, '').split('-');
      return { seq: Number(seq), kind: kind.join('-'), subject: subjectOf(e.headers), text: e.text.replace(/[\u00a0\u202f]/g, ' ') };
    })
    .sort((a, b) => a.seq - b.seq)
    .map(({ kind, subject, text }) => ({ kind, subject, text }));
}

/** The e-mail about order `number`'s event `kind`; fails the test when there is none. */
export function orderEmail(number: string, kind: string, store = ''): OrderEmail {
  const emails = orderEmails(number, store);
  const email = emails.find((e) => e.kind === kind);
  if (!email) throw new Error(`no ${kind} e-mail for order ${number}; the outbox has: ${emails.map((e) => e.kind).join(', ')}`);
  return email;
}
