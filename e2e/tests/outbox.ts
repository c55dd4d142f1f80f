/**
 * The server's outbox as a mail client reads it: the `.eml` files the reference backend writes
 * into `$VITRINA_VAR/outbox`, parsed by a MIME parser (postal-mime).
 */
import fs from 'node:fs';
import path from 'node:path';
import PostalMime from 'postal-mime';

/** One e-mail: its file, its raw header block (as written), and what a mail client shows: the
 * mailboxes it goes to, the decoded subject, the language it declares, the text and HTML parts. */
export type Email = { file: string; headers: string; to: string[]; subject: string; language: string; text: string; html: string };

/** The `.eml` files in the server's outbox, parsed, in the order of their names; `store` names
 * the folder of another backend's files under `$VITRINA_VAR` (`sk`, as playwright.config.ts has it). */
export async function outbox(store = ''): Promise<Email[]> {
  const dir = path.join(process.env.VITRINA_VAR ?? '', store, 'outbox');
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = fs.readFileSync(path.join(dir, file));
      const mail = await PostalMime.parse(raw);
      const header = (name: string) => mail.headers.find((h) => h.key === name)?.value ?? '';
      return {
        file,
        headers: raw.toString('utf8').split('\r\n\r\n')[0],
        to: (mail.to ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : [])),
        subject: mail.subject ?? '',
        language: header('content-language').trim(),
        text: mail.text ?? '',
        html: mail.html ?? '',
      };
    }),
  );
}

/** An e-mail about an order: the event it is about (`created`, `lines_cancelled`, …), its
 * subject, the language it declares, and its text and HTML. */
export type OrderEmail = { kind: string; subject: string; language: string; text: string; html: string };

/** Every e-mail about order `number`, in the order of the order's history; the no-break spaces
 * CLDR puts in money and times read as plain ones. */
export async function orderEmails(number: string, store = ''): Promise<OrderEmail[]> {
  const prefix = `order-${number}-`;
  return (await outbox(store))
    .filter((e) => e.file.startsWith(prefix))
    .map((e) => {
      const [seq, ...kind] = e.file.slice(prefix.length).replace(/\.eml$/, '').split('-');
      const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
      return { seq: Number(seq), email: { kind: kind.join('-'), subject: plain(e.subject), language: e.language, text: plain(e.text), html: e.html } };
    })
    .sort((a, b) => a.seq - b.seq)
    .map(({ email }) => email);
}

/** The e-mail about order `number`'s event `kind`; fails the test when there is none. */
export async function orderEmail(number: string, kind: string, store = ''): Promise<OrderEmail> {
  const emails = await orderEmails(number, store);
  const email = emails.find((e) => e.kind === kind);
  if (!email) throw new Error(`no ${kind} e-mail for order ${number}; the outbox has: ${emails.map((e) => e.kind).join(', ')}`);
  return email;
}
