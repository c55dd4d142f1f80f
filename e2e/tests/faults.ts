/**
 * Fault injection: one API call of the app at a time is made to go wrong in every way a backend or
 * a network can, through Playwright's request interception, while everything else reaches the
 * reference backend. For each fault the page must explain in words (in the shopper's language),
 * offer a retry where one can help, keep what the shopper typed, run no script a backend sent,
 * and never panic; once the fault is lifted, the retry must work.
 */
import { type APIResponse, expect, type Locator, type Page, type Request, type Route, type TestInfo } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { editConfig } from './fixtures';
import { type Lang, patterns, plainText, t } from './words';

/** The request time limit the app is given in these tests (`request_timeout_ms` in config.json). */
// Long enough for a 10 MB answer to arrive on a busy machine, short enough that a timeout costs
// seconds rather than a quarter of a minute.
export const TEST_TIMEOUT_MS = 3_000;

/** What a backend string carries to find out whether anything runs it as HTML or as a link. */
export const HOSTILE_HTML = '<img src="x" data-pwned onerror="window.__pwned=1"><script data-pwned>window.__pwned=1</script><b>bold</b>';
export const HOSTILE_URL = 'javascript:window.__pwned=1//';

export type FaultName =
  | 'HTTP 500'
  | 'HTTP 502'
  | 'HTTP 503 with Retry-After'
  | 'HTTP 404'
  | 'HTTP 409'
  | 'HTTP 422 with problem details'
  | 'HTTP 429'
  | 'timeout'
  | 'offline'
  | 'empty body'
  | 'truncated JSON'
  | 'JSON of the wrong shape'
  | 'unknown enum values'
  | 'huge response (10 MB)'
  | 'wrong Content-Type'
  | 'strings carrying HTML and script';

/** What the shopper should see: an explanation, the page working as usual, or either. */
export type Outcome = 'message' | 'renders' | 'either';

interface Fault {
  name: FaultName;
  /** The words that explain it (keys of `locales/*`; a key ending in `.` means all keys under it). */
  words: string[];
  outcome: Outcome;
  /** Whether trying again can help, so the page must offer it. */
  retryable: boolean;
  answer(route: Route, sw: FaultSwitch): Promise<void>;
}

const problem = (status: number, type: string, title: string, extra: object = {}) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type, title, status, ...extra }),
});

/** The enum values of the contract (every `enum` in openapi.json), to swap for ones it never had. */
const ENUM_VALUES: Set<string> = (() => {
  const doc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.json'), 'utf8'));
  const values = new Set<string>();
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (Array.isArray(node.enum)) node.enum.filter((v: any) => typeof v === 'string' && !v.startsWith('urn:')).forEach((v: string) => values.add(v));
      Object.values(node).forEach(walk);
    }
  };
  walk(doc.components?.schemas);
  values.delete('unknown');
  return values;
})();

/** Keys whose strings are identifiers, codes or machine values rather than words. */
const MACHINE_KEY = /(^|_)(id|ids|number|token|currency|version|code|e164|kind|status|state|phase|severity|action|type|access|audience|language|zone|date|at|until|from|to|start|end|earliest|latest|time|dates|encoded|email)$/;
const URL_KEY = /(url|website)$/;

function mapStrings(node: any, f: (value: string, key: string) => string, key = ''): any {
  if (typeof node === 'string') return f(node, key);
  if (Array.isArray(node)) return node.map((v) => mapStrings(v, f, key));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapStrings(v, f, k)]));
  return node;
}

/** How a changed answer reaches the page. */
type Send = (route: Route, response: APIResponse, body: string) => Promise<void>;

/** Through `route.fulfill`, as JSON. */
const fulfilJson: Send = (route, response, body) =>
  route.fulfill({ response, body, headers: { ...response.headers(), 'content-type': 'application/json' } });

/** The real answer, changed by `change` when it is JSON, handed over by `send`. */
async function changeRealAnswer(route: Route, change: (json: any) => any, send: Send = fulfilJson) {
  const response = await route.fetch();
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    await route.fulfill({ response, body: text });
    return;
  }
  await send(route, response, JSON.stringify(change(json)));
}

/**
 * Answers kept for one request each, served over a real connection by a server of the suite's own
 * (one per worker, started on first use). A 10 MB body handed to `route.fulfill` travels through
 * the browser's debugging protocol, which takes seconds on a busy machine, all of them counted
 * against the app's time limit, so that the huge answer mostly met the limit instead of being
 * read. Sent over HTTP, compressed as a backend would send it, the page still reads all 10 MB, in
 * a fraction of that time. The page never sees the other address (`route.continue` keeps the
 * request's own), but the browser checks it as another origin, hence the CORS headers.
 */
let onceServer: Promise<{ origin: string; answers: Map<string, { status: number; headers: [string, string][]; body: Buffer }> }> | null = null;

function answerServer() {
  onceServer ??= new Promise((resolve, reject) => {
    const answers = new Map<string, { status: number; headers: [string, string][]; body: Buffer }>();
    const server = http.createServer((req, res) => {
      const cors: [string, string][] = [
        ['access-control-allow-origin', req.headers.origin ?? '*'],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE'],
        ['access-control-allow-headers', String(req.headers['access-control-request-headers'] ?? 'content-type')],
      ];
      const answer = answers.get(req.url ?? '');
      if (req.method === 'OPTIONS' || !answer) {
        res.writeHead(req.method === 'OPTIONS' ? 204 : 404, cors.flat()).end();
        return;
      }
      answers.delete(req.url ?? '');
      res.writeHead(answer.status, [...answer.headers, ...cors, ['content-encoding', 'gzip'], ['content-length', String(answer.body.length)]].flat());
      res.end(answer.body);
    });
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers }));
  });
  return onceServer;
}

/** Over a real connection, compressed, from `answerServer`. */
const sendOverConnection: Send = async (route, response, body) => {
  const skip = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'content-type']);
  const headers = response
    .headersArray()
    .filter((h) => !skip.has(h.name.toLowerCase()))
    .map((h): [string, string] => [h.name, h.value]);
  const { origin, answers } = await answerServer();
  const key = `/answer/${answers.size}-${Math.random().toString(36).slice(2)}`;
  answers.set(key, { status: response.status(), headers: [...headers, ['content-type', 'application/json']], body: zlib.gzipSync(body) });
  await route.continue({ url: origin + key });
};

/** In the order the suite applies them: neighbours explain themselves differently, so each
 * message seen is the new one; the last is one a retry can mend. */
export const FAULTS: Fault[] = [
  {
    name: 'HTTP 500', words: ['error.server'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill(problem(500, 'urn:vitrina:problem:internal', 'Internal Server Error')),
  },
  {
    name: 'HTTP 404', words: ['error.not_found'], outcome: 'message', retryable: false,
    answer: (r) => r.fulfill(problem(404, 'urn:vitrina:problem:not-found', 'Not Found')),
  },
  {
    name: 'empty body', words: ['error.undecodable'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '' }),
  },
  {
    name: 'HTTP 503 with Retry-After', words: ['error.unavailable'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill({ ...problem(503, 'about:blank', 'Service Unavailable'), headers: { 'Retry-After': '1' } }),
  },
  {
    name: 'HTTP 409', words: ['error.conflict'], outcome: 'message', retryable: false,
    answer: (r) => r.fulfill(problem(409, 'urn:vitrina:problem:conflict', 'Conflict')),
  },
  {
    name: 'truncated JSON', words: ['error.undecodable'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"1042","name":"Linen shirt","lines":[{"id":"a","name":"Lin' }),
  },
  {
    name: 'strings carrying HTML and script', words: [], outcome: 'renders', retryable: false,
    answer: (r) =>
      changeRealAnswer(r, (json) =>
        mapStrings(json, (value, key) => {
          if (URL_KEY.test(key)) return HOSTILE_URL;
          if (MACHINE_KEY.test(key) || ENUM_VALUES.has(value) || /^\d{4}-\d\d-\d\d/.test(value)) return value;
          return value + HOSTILE_HTML;
        }),
      ),
  },
  {
    name: 'HTTP 502', words: ['error.server'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>' }),
  },
  {
    name: 'HTTP 422 with problem details', words: ['error.validation', 'validation.'], outcome: 'message', retryable: false,
    answer: (r, sw) =>
      r.fulfill(problem(422, 'urn:vitrina:problem:validation', 'Unprocessable Content', {
        detail: 'Some fields are not valid.',
        errors: sw.call.fieldErrors ?? [{ field: 'value', code: 'invalid' }],
      })),
  },
  {
    name: 'wrong Content-Type', words: ['error.undecodable'], outcome: 'message', retryable: true,
    // A proxy that answers an API path with the app's own page.
    answer: (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><head><title>Shop</title></head><body><main></main></body></html>' }),
  },
  {
    name: 'unknown enum values', words: [], outcome: 'renders', retryable: false,
    answer: (r) => changeRealAnswer(r, (json) => mapStrings(json, (value, key) => (ENUM_VALUES.has(value) && !/(^|_)id$/.test(key) ? 'introduced_next_year' : value))),
  },
  {
    name: 'HTTP 429', words: ['error.rate_limited', 'error.rate_limited_wait'], outcome: 'message', retryable: true,
    answer: (r) => r.fulfill({ ...problem(429, 'urn:vitrina:problem:rate-limited', 'Too Many Requests'), headers: { 'Retry-After': '1' } }),
  },
  {
    name: 'JSON of the wrong shape', words: ['error.undecodable'], outcome: 'message', retryable: true,
    // A list where an object belongs, of things no schema describes.
    answer: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ data: { items: [1, 2, 3] }, ok: true }]) }),
  },
  {
    // Read in full and shown, unless reading 10 MB outlasts the suite's short time limit (a busy
    // machine hands the body over in seconds): then the shopper is told it took too long, which is
    // what a slow phone meeting such an answer should see. Never a crash, a blank page or a hang.
    // Sent over a real connection (`answerServer`), so that it is usually read in full.
    name: 'huge response (10 MB)', words: ['error.timeout'], outcome: 'either', retryable: false,
    answer: (r) =>
      changeRealAnswer(
        r,
        (json) => (json && typeof json === 'object' && !Array.isArray(json) ? { ...json, padding: 'x'.repeat(10 * 1024 * 1024) } : json),
        sendOverConnection,
      ),
  },
  {
    name: 'timeout', words: ['error.timeout'], outcome: 'message', retryable: true,
    // Never answered: the app gives up after its time limit.
    answer: async (r, sw) => {
      sw.held.push(r);
    },
  },
  {
    name: 'offline', words: ['error.offline'], outcome: 'message', retryable: true,
    answer: async (r, sw) => {
      await sw.page.context().setOffline(true);
      await r.abort('internetdisconnected');
    },
  },
];

export interface Scenario {
  lang: Lang;
  t: (key: string, args?: Record<string, string>) => string;
  /** Whatever `open` set up (a cart, an order) for the other steps. */
  data: Record<string, any>;
}

/** One API call of the app, where and how it is made, and what success looks like. */
export interface Call {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matches the request's path and query. */
  path: RegExp;
  /** `load`: made by opening the page (a retry repeats it); `action`: made by something the shopper does. */
  kind: 'load' | 'action';
  /** Sets up what the call needs and opens the page (for a `load` call this makes the call). */
  open(page: Page, s: Scenario): Promise<void>;
  /** Makes an `action` call. */
  act?(page: Page, s: Scenario): Promise<void>;
  /** What the shopper sees when the call succeeded: something visible, or a question that says so. */
  ready(page: Page, s: Scenario): Locator | (() => Promise<boolean>);
  /** What the shopper typed is still there. */
  kept?(page: Page, s: Scenario): Promise<void>;
  /** Words this page uses instead of the general ones, per fault. */
  words?: Partial<Record<FaultName, string[]>>;
  /** Outcomes this call differs in. */
  outcomes?: Partial<Record<FaultName, Outcome>>;
  /** The field errors a 422 answer carries. */
  fieldErrors?: { field: string; code: string }[];
}

/** Turns one call's faults on and off; every other request reaches the backend untouched. */
export class FaultSwitch {
  fault: Fault | null = null;
  /** While the page is being set up for an action, its call goes through untouched. */
  paused = false;
  hits = 0;
  held: Route[] = [];

  constructor(
    readonly page: Page,
    readonly call: Call,
  ) {}

  async install() {
    await this.page.route(
      (url) => this.call.path.test(url.pathname + url.search),
      async (route) => {
        const fault = this.paused ? null : this.fault;
        if (!fault || route.request().method() !== this.call.method) return route.fallback();
        this.hits += 1;
        await fault.answer(route, this);
      },
    );
  }

  arm(fault: Fault) {
    this.fault = fault;
    this.hits = 0;
  }

  async lift() {
    this.fault = null;
    for (const route of this.held.splice(0)) await route.abort().catch(() => {});
    await this.page.context().setOffline(false);
  }
}

/** Every page gets the short time limit, so a timeout takes seconds, not a quarter of a minute. */
export async function shortTimeLimit(page: Page) {
  await editConfig(page, (config) => ({ ...config, request_timeout_ms: TEST_TIMEOUT_MS }));
}

/** The shopper's language, chosen before the app starts. */
export async function useLanguage(page: Page, lang: Lang) {
  await page.addInitScript((tag) => localStorage.setItem('vitrina.locale', tag), lang);
}

async function bodyText(page: Page) {
  return plainText(await page.locator('body').innerText());
}

/** Which of `keys`' texts the page shows, if any. */
async function explanation(page: Page, lang: Lang, keys: string[]) {
  const text = await bodyText(page);
  return { key: patterns(lang, keys).find((w) => w.pattern.test(text))?.key, text };
}

/** The page explains the failure with one of `keys`' texts, and shows nothing technical. */
async function expectExplained(page: Page, lang: Lang, keys: string[]) {
  const deadline = Date.now() + 25_000;
  let seen = await explanation(page, lang, keys);
  while (!seen.key && Date.now() < deadline) {
    await page.waitForTimeout(100);
    seen = await explanation(page, lang, keys);
  }
  if (!seen.key) throw new Error(`expected words of ${keys.join(' | ')}; the page says: ${seen.text.slice(0, 600)}`);
  for (const technical of ['HTTP 5', 'HTTP 4', 'undefined', '[object', 'panicked', 'urn:vitrina', 'unexpected response']) {
    expect(seen.text, 'nothing technical is shown').not.toContain(technical);
  }
}

/** Whether the page shows what `ready` describes. */
function probe(ready: Locator | (() => Promise<boolean>)) {
  return typeof ready === 'function' ? ready() : ready.first().isVisible();
}

/** The page works as usual. */
async function expectReady(page: Page, ready: Locator | (() => Promise<boolean>)) {
  try {
    if (typeof ready === 'function') await expect.poll(ready, { timeout: 25_000 }).toBe(true);
    else await expect(ready.first()).toBeVisible({ timeout: 25_000 });
  } catch {
    throw new Error(`the page does not work as usual; it says: ${(await bodyText(page)).slice(0, 600)}`);
  }
}

/** Whether the app's next request of `call` was answered or given up (aborted at the app's time
 * limit, or failed on the way). */
function nextRequestOver(page: Page, call: Call): Promise<'answered' | 'given up'> {
  return new Promise((resolve) => {
    const over = (outcome: 'answered' | 'given up') => (request: Request) => {
      if (request.method() !== call.method || !call.path.test(new URL(request.url()).pathname)) return;
      page.off('requestfinished', answered);
      page.off('requestfailed', failed);
      resolve(outcome);
    };
    const answered = over('answered');
    const failed = over('given up');
    page.on('requestfinished', answered);
    page.on('requestfailed', failed);
  });
}

/**
 * The page works as usual with an answer the real backend gave (passed through, perhaps changed).
 * That answer travels through the suite's interception, which on a busy machine can take longer
 * than the suite's short time limit: the app then says the store took too long and offers to try
 * again, as it would to a shopper on a slow phone, and the shopper does. Any other page, or a
 * store still too slow at the third attempt, fails the case.
 */
async function expectReadyFromTheBackend(page: Page, call: Call, s: Scenario) {
  const ready = call.ready(page, s);
  let shown: string;
  try {
    shown = await renderedOrExplained(page, ready, s.lang, ['error.timeout']);
  } catch {
    throw new Error(`the page does not work as usual; it says: ${(await bodyText(page)).slice(0, 600)}`);
  }
  for (let attempt = 2; shown === 'message'; attempt++) {
    if (call.kind !== 'load' || attempt > 3) {
      throw new Error(`the page does not work as usual: the answer outlasted the time limit ${attempt - 1} times; it says: ${(await bodyText(page)).slice(0, 600)}`);
    }
    // The message stays while the request is retried: wait for the request, not for the words.
    const over = nextRequestOver(page, call);
    await page.getByRole('button', { name: s.t('action.retry') }).first().click();
    if ((await over) === 'answered') return expectReady(page, ready);
  }
}

/** Waits until the page either works as usual or explains itself; says which. */
async function renderedOrExplained(page: Page, ready: Locator | (() => Promise<boolean>), lang: Lang, keys: string[]) {
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    if (await probe(ready)) return 'renders';
    if ((await explanation(page, lang, keys)).key) return expectExplained(page, lang, keys).then(() => 'message');
    await page.waitForTimeout(100);
  }
  throw new Error(`neither the usual page nor an explanation; the page says: ${(await bodyText(page)).slice(0, 600)}`);
}

/** Nothing a backend sent ran as script or became markup. */
async function expectNothingExecuted(page: Page) {
  const ran = await page.evaluate(() => ({ flag: (window as any).__pwned ?? null, nodes: document.querySelectorAll('[data-pwned]').length }));
  expect(ran, 'no script or markup from the backend').toEqual({ flag: null, nodes: 0 });
}

/** One case: a call (`group`) under one fault (`name`). */
export interface CaseResult {
  group: string;
  name: FaultName | 'lifted, then retried';
  lang: Lang;
  passed: boolean;
  error?: string;
}

/**
 * Runs every fault against one call on one page, then lifts the fault and retries. Failures are
 * collected, not thrown, so one broken case does not hide the others; the test fails at the end.
 */
export async function runFaults(page: Page, call: Call, lang: Lang, consoleErrors: string[], testInfo: TestInfo) {
  const s: Scenario = { lang, t: (key, args) => t(lang, key, args), data: {} };
  const sw = new FaultSwitch(page, call);
  await useLanguage(page, lang);
  await shortTimeLimit(page);
  // The page as `shortTimeLimit` rewrites it comes from Playwright, not from a loopback address,
  // so Chromium asks permission before it reaches the suite's own answer server on 127.0.0.1
  // (`sendOverConnection`); without it the huge answer would fail as a network error.
  await page.context().grantPermissions(['local-network-access']);
  await sw.install();
  const results: CaseResult[] = [];
  // How the next attempt is made: open afresh, reload, press "Try again", or act again.
  let next: 'open' | 'reload' | 'retry' | 'act' = 'open';

  const attempt = async () => {
    if (next === 'open' && call.kind === 'action') {
      // Setting the page up may make the same call (opening a shipment before checking it again).
      sw.paused = true;
      await call.open(page, s).finally(() => (sw.paused = false));
      await call.act!(page, s);
    } else if (next === 'open') {
      await call.open(page, s);
    } else if (next === 'reload') {
      await page.reload();
    } else if (next === 'retry') {
      await page.getByRole('button', { name: s.t('action.retry') }).first().click();
    } else {
      await call.act!(page, s);
    }
  };

  for (const fault of [...FAULTS, null]) {
    const name = fault?.name ?? 'lifted, then retried';
    const errorsBefore = consoleErrors.length;
    try {
      if (fault) sw.arm(fault);
      else await sw.lift();
      await attempt();
      const outcome = fault ? (call.outcomes?.[fault.name] ?? fault.outcome) : 'renders';
      if (fault) await expect.poll(() => sw.hits, { message: `the app asked for ${call.name}` }).toBeGreaterThan(0);
      if (outcome === 'message') {
        await expectExplained(page, lang, [...fault!.words, ...(call.words?.[fault!.name] ?? [])]);
        if (call.kind === 'load' && fault!.retryable) {
          await expect(page.getByRole('button', { name: s.t('action.retry') }).first(), 'a way to try again').toBeVisible();
        }
        if (call.kept) await call.kept(page, s);
        next = call.kind === 'action' ? 'act' : fault!.retryable ? 'retry' : 'reload';
      } else if (outcome === 'renders') {
        await expectReadyFromTheBackend(page, call, s);
        next = call.kind === 'action' ? 'open' : 'reload';
      } else {
        // A fault that names its words allows only those; otherwise any of the app's explanations.
        const words = [...(fault!.words.length ? fault!.words : ['error.']), ...(call.words?.[fault!.name] ?? [])];
        const shown = await renderedOrExplained(page, call.ready(page, s), lang, words);
        next = call.kind === 'action' ? (shown === 'renders' ? 'open' : 'act') : 'reload';
      }
      await expectNothingExecuted(page);
      const fresh = consoleErrors.slice(errorsBefore);
      if (fresh.length) throw new Error(`errors in the console: ${fresh.join(' | ').slice(0, 1500)}`);
      results.push({ group: call.name, name, lang, passed: true });
    } catch (e) {
      results.push({ group: call.name, name, lang, passed: false, error: String((e as Error).message ?? e).slice(0, 1200) });
      // Start the next case from a clean page.
      consoleErrors.splice(errorsBefore);
      await sw.lift();
      next = 'open';
    }
  }
  await sw.lift();
  await testInfo.attach('robustness-cases', {
    body: JSON.stringify({ suite: 'Fault injection (every API call × every fault, then lifted and retried)', results }),
    contentType: 'application/json',
  });
  const failed = results.filter((r) => !r.passed).map((r) => `${r.name} (${r.lang}): ${r.error}`);
  expect(failed, `${call.name}: ${results.length - failed.length} of ${results.length} cases held`).toEqual([]);
}
