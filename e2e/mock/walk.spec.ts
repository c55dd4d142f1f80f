/**
 * The app against a backend nobody here wrote: Prism mocks `openapi.json` with answers drawn at
 * random from its schemas. Every page is walked, first with whatever the mock answers, then with
 * each answer the contract allows for each call the page makes (Prism's `Prefer: code=…`). Every
 * answer must either render or be explained in words; never a blank page, a panic, or a page
 * stuck loading.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from '../tests/fixtures';
import { type Lang, LANGS, patterns, plainText, table } from '../tests/words';

test.describe.configure({ mode: 'parallel' });

/** An operation of the contract and the statuses it may answer with. */
interface Op {
  name: string;
  method: string;
  path: RegExp;
  codes: string[];
}

const contract = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.json'), 'utf8'));
const OPS: Op[] = Object.entries(contract.paths as Record<string, Record<string, any>>).flatMap(([template, item]) =>
  Object.entries(item).map(([method, op]) => ({
    name: `${method.toUpperCase()} ${template}`,
    method: method.toUpperCase(),
    path: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    codes: Object.keys(op.responses),
  })),
);

function op(name: string): Op {
  const found = OPS.find((o) => o.name === name);
  if (!found) throw new Error(`${name} is not in openapi.json`);
  return found;
}

/** Clicks `selector`'s first match if the random answers put an enabled one on the page. */
async function press(page: Page, selector: string) {
  const target = page.locator(selector).first();
  if ((await target.count()) > 0 && (await target.isVisible()) && (await target.isEnabled())) {
    settled.delete(page);
    await target.click();
    await settle(page);
  }
}

async function choose(page: Page, selector: string, value: string) {
  const field = page.locator(selector).first();
  if ((await field.count()) > 0 && (await field.isVisible()) && (await field.isEnabled())) await field.selectOption(value).catch(() => undefined);
}

async function fill(page: Page, selector: string, value: string) {
  const field = page.locator(selector).first();
  if ((await field.count()) > 0 && (await field.isVisible()) && (await field.isEditable())) {
    settled.delete(page);
    await field.fill(value);
  }
}

/** Pages found quiet with nothing done to them since: settling one again would only wait (the
 * walk settles after each act, whose last press has settled the page already). */
const settled = new WeakSet<Page>();

/** Waits until the app has taken the page over, no request to the API has been in flight and
 * nothing has been loading for a while. */
async function settle(page: Page) {
  if (settled.has(page)) return;
  const deadline = Date.now() + 20_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    // A page still loading may be between two requests (the checkout waits for entries to settle
    // before it asks for a quote, and a busy machine stretches that wait): not quiet yet. So is a
    // page still as the server sent it (`[data-shell]`), whose app is on its way: its outline
    // asks nothing and shows nothing loading, and a busy machine can take longer than the quiet
    // spell below to bring the app. A page that never stops loading, or whose app never comes,
    // is still caught, by `expectSensible` after the deadline.
    const busy = await page
      .evaluate(
        () =>
          ((window as any).__apiInFlight ?? 0) +
          document.querySelectorAll('main .loading').length +
          document.querySelectorAll('#app > [data-shell]').length,
      )
      .catch(() => 0);
    if (busy > 0) quietSince = Date.now();
    else if (Date.now() - quietSince > 800) {
      settled.add(page);
      return;
    }
    await page.waitForTimeout(100);
  }
}

/** Counts the page's requests to the API in flight (`fetch` only: the app uses nothing else). */
function countRequests() {
  const w = window as any;
  if (w.__apiInFlight !== undefined) return;
  w.__apiInFlight = 0;
  w.__apiPending = new Set<string>();
  const original = w.fetch.bind(w);
  w.fetch = (...args: any[]) => {
    w.__apiInFlight += 1;
    const asked = `${args[1]?.method ?? 'GET'} ${String(args[0]?.url ?? args[0])} at ${Math.round(performance.now())} ms`;
    w.__apiPending.add(asked);
    return original(...args).finally(() => {
      w.__apiInFlight -= 1;
      w.__apiPending.delete(asked);
    });
  };
}

const checkoutEntries = {
  email: 'anna@example.com', phone: '+7 912 345-67-89', name: 'Анна Петрова', country: 'RU',
  city: 'Москва', line: 'ул. Ленина, д. 5, кв. 12', postcode: '101000',
};

interface Visit {
  name: string;
  path: string;
  local?: Record<string, string>;
  session?: Record<string, string>;
  /** What a shopper does there, as far as the random answers allow. */
  act?: (page: Page) => Promise<void>;
  /** The operations the page and its actions call. */
  ops: string[];
  /**
   * Answers (from `answers/`, recorded from the reference backend) for the calls that must go
   * well for the page to reach the call whose answer is being forced: a random order is rarely
   * one that may still be cancelled and paid, random settings never pass the editor's checks.
   * Only when an answer is forced; otherwise everything comes from the mock.
   */
  given?: Record<string, string>;
}

const checkout = (extra: object) => ({
  local: { 'vitrina.cart_id': 'cart-from-the-mock' },
  session: { 'vitrina.checkout': JSON.stringify({ ...checkoutEntries, ...extra }) },
});

const VISITS: Visit[] = [
  {
    name: 'catalog, adding to the cart', path: '/', local: { 'vitrina.cart_id': '' },
    act: (page) => press(page, '[data-testid=product-card] button.button--primary'),
    ops: ['GET /api/products', 'POST /api/carts', 'POST /api/carts/{cart_id}/lines'],
    given: { 'GET /api/products': 'products.json' },
  },
  {
    name: 'cart, changing and removing', path: '/cart', local: { 'vitrina.cart_id': 'cart-from-the-mock' },
    act: async (page) => {
      await press(page, '[data-testid=cart-line] .stepper__button:last-child');
      await press(page, '[data-testid=cart-line] .cart-line__remove');
    },
    ops: ['GET /api/carts/{cart_id}', 'PATCH /api/carts/{cart_id}/lines/{line_id}', 'DELETE /api/carts/{cart_id}/lines/{line_id}'],
    // The line stays after a change, so that it can then be removed.
    given: { 'GET /api/carts/{cart_id}': 'cart.json', 'PATCH /api/carts/{cart_id}/lines/{line_id}': 'cart.json' },
  },
  {
    name: 'checkout: contact', path: '/checkout/contact', local: { 'vitrina.cart_id': 'cart-from-the-mock' },
    act: async (page) => {
      await fill(page, '#email', checkoutEntries.email);
      await fill(page, '#phone', checkoutEntries.phone);
      await fill(page, '#name', checkoutEntries.name);
      await press(page, 'main form button[type=submit]');
    },
    ops: ['GET /api/carts/{cart_id}'],
  },
  {
    name: 'checkout: delivery', path: '/checkout/delivery', ...checkout({}),
    act: async (page) => {
      await press(page, '[data-testid=delivery-option] input[type=radio]');
      await press(page, 'main form button[type=submit]');
    },
    ops: ['POST /api/checkout/quote'],
    given: { 'GET /api/carts/{cart_id}': 'cart.json' },
  },
  {
    name: 'checkout: payment and promo code', path: '/checkout/payment', ...checkout({ delivery_option: 'courier' }),
    act: async (page) => {
      await press(page, '[data-testid=payment-method] input[type=radio]');
      await fill(page, '#promo-code', 'WELCOME10');
      await press(page, '.promo__row button');
      await press(page, 'main form button[type=submit]');
    },
    ops: ['POST /api/checkout/quote'],
    given: { 'GET /api/carts/{cart_id}': 'cart.json' },
  },
  {
    name: 'checkout: review and place the order', path: '/checkout/review',
    ...checkout({ delivery_option: 'courier', payment_method: 'card-online', accept_terms: true, personal_data: true }),
    act: async (page) => {
      await press(page, '[data-testid=price-changed] button');
      await press(page, '[data-testid=place-order][aria-disabled=false]');
    },
    ops: ['GET /api/carts/{cart_id}', 'POST /api/checkout/quote', 'POST /api/orders'],
    given: { 'GET /api/carts/{cart_id}': 'cart.json', 'POST /api/checkout/quote': 'quote.json' },
  },
  {
    name: 'order lookup', path: '/orders/lookup',
    act: async (page) => {
      await fill(page, '#order-number', '1042');
      await fill(page, '#order-email', 'anna@example.com');
      await press(page, 'main form button[type=submit]');
    },
    ops: ['POST /api/orders/lookup'],
  },
  {
    // What the page reads, apart from what it does (one visit would be too many cases for one test).
    name: 'order page', path: '/orders/1042?token=token-from-the-email',
    ops: ['GET /api/orders/{number}', 'GET /api/shipments'],
    given: { 'GET /api/orders/{number}': 'order.json' },
  },
  {
    name: 'order page, cancelling', path: '/orders/1042?token=token-from-the-email',
    act: async (page) => {
      await press(page, 'section[aria-labelledby=cancel-heading] button.button--secondary');
      await press(page, 'section[aria-labelledby=cancel-heading] .notice button.button--primary');
    },
    ops: ['POST /api/orders/{number}/cancellation'],
    given: { 'GET /api/orders/{number}': 'order.json' },
  },
  {
    name: 'order page, cancelling chosen items', path: '/orders/1042?token=token-from-the-email',
    act: async (page) => {
      await press(page, 'section[aria-labelledby=cancel-heading] button.button--secondary:nth-of-type(2)');
      await choose(page, '[data-testid=cancel-quantity]', '1');
      await press(page, 'section[aria-labelledby=cancel-heading] form button[type=submit]');
    },
    ops: ['POST /api/orders/{number}/cancellation'],
    given: { 'GET /api/orders/{number}': 'order.json' },
  },
  {
    name: "order page, answering the seller's substitution", path: '/orders/1042?token=token-from-the-email',
    act: (page) => press(page, '[data-testid=substitution] button.button--primary'),
    ops: ['POST /api/orders/{number}/lines/{line_id}/substitution'],
    given: { 'GET /api/orders/{number}': 'order.json' },
  },
  {
    name: 'order page, paying by card', path: '/orders/1042?token=token-from-the-email',
    act: (page) => press(page, 'section[aria-labelledby=payment-heading] button.button--primary'),
    ops: ['POST /api/orders/{number}/payments'],
    given: { 'GET /api/orders/{number}': 'order.json' },
  },
  {
    name: "an order's shipments", path: '/track?order=DEMO-1001',
    ops: ['GET /api/shipments'],
  },
  {
    name: 'a shipment, checked again', path: '/track/PX1000000001',
    act: (page) => press(page, '.refresh-status button'),
    ops: ['GET /api/shipments/{tracking_number}', 'GET /api/sellers/{seller_id}/contact'],
    given: { 'GET /api/shipments/{tracking_number}': 'shipment.json' },
  },
  {
    name: 'seller contact and the form', path: '/sellers/demo-seller/contact?order=1042',
    act: async (page) => {
      await fill(page, '#contact-message', 'Do you ship to Košice?');
      await fill(page, '#contact-reply-to', 'anna@example.com');
      await press(page, '#contact-form form button[type=submit]');
    },
    ops: ['GET /api/session', 'GET /api/sellers/{seller_id}/contact', 'POST /api/sellers/{seller_id}/messages'],
    given: { 'GET /api/sellers/{seller_id}/contact': 'seller-contact.json' },
  },
  {
    name: "the seller's editor", path: '/seller/contact',
    act: async (page) => {
      await fill(page, '#cs-identity-nickname', 'Marek');
      await press(page, '.editor__actions button[type=submit]');
    },
    ops: ['GET /api/session', 'GET /api/sellers/{seller_id}/contact-settings', 'PUT /api/sellers/{seller_id}/contact-settings'],
    given: { 'GET /api/session': 'session-seller.json', 'GET /api/sellers/{seller_id}/contact-settings': 'contact-settings.json' },
  },
  {
    name: 'sign in and out', path: '/sign-in',
    act: async (page) => {
      await fill(page, '#sign-in-email', 'shopper@example.com');
      await fill(page, '#sign-in-password', 'demo');
      await press(page, 'main form button[type=submit]');
      await press(page, '.account-nav__out');
    },
    ops: ['GET /api/session', 'POST /api/session', 'DELETE /api/session'],
    given: { 'POST /api/session': 'session-seller.json' },
  },
];

/** Texts long enough to tell a sentence of the app's own from a backend's word. */
function sentences(lang: Lang) {
  const keys = Object.entries(table(lang)).filter(([, text]) => text.replace(/\{\w+\}/g, '').trim().length >= 12).map(([k]) => k);
  return patterns(lang, keys).map((p) => p.pattern);
}

/** The page is there and makes sense: a heading, nothing stuck loading, nothing technical, and
 * every alert in the app's own words. */
async function expectSensible(page: Page, lang: Lang, appOrigin: string) {
  if (new URL(page.url()).origin !== appOrigin) return 'left for the payment page the backend named';
  await expect(page.locator('h1').first(), 'a page, not a blank one').toBeVisible();
  const text = plainText(await page.locator('body').innerText());
  if ((await page.locator('main .loading').count()) > 0) {
    // One line (a failure keeps its first lines): where it is stuck, and what is still asked.
    const where = await page.locator('main .loading').evaluateAll((all) =>
      all.map((e) => e.closest('section')?.querySelector('h1, h2')?.textContent?.trim() ?? '?').join(' | '));
    const pending = await page.evaluate(() => [...((window as any).__apiPending ?? [])].join(', '));
    const now = await page.evaluate(() => Math.round(performance.now()));
    throw new Error(`stuck loading at ${page.url()} in ${where}; at ${now} ms still asked: ${pending || 'nothing'}; the page: ${text.replace(/\s+/g, ' ').slice(0, 600)}`);
  }
  for (const technical of ['undefined', '[object', 'panicked', 'urn:vitrina', 'HTTP 4', 'HTTP 5', 'unexpected response']) {
    expect(text, 'nothing technical is shown').not.toContain(technical);
  }
  const own = sentences(lang);
  for (const alert of await page.locator('[role=alert]:visible').all()) {
    const said = plainText(await alert.innerText()).trim();
    if (said) expect(own.some((p) => p.test(said)), `an explanation in words: “${said.slice(0, 200)}”`).toBe(true);
  }
  return 'shown';
}

interface CaseResult {
  group: string;
  name: string;
  lang: Lang;
  passed: boolean;
  /** For a forced answer: whether the app made the call (random data may not lead to it). */
  asked?: boolean;
  error?: string;
}

/** One test's share of a visit: the unforced runs, or every answer of one operation. */
type Share = { label: string; ops: string[]; unforced: boolean };

/** A visit's runs, split so that no test's length grows with the number of calls its page makes
 * and answers the contract allows for them (the order page's cancellation walks 23 answers; at
 * about 5 s each with Prism answering slowly on a busy machine, that outgrew any one test's time). */
function shares(visit: Visit): Share[] {
  return [{ label: 'whatever the mock answers', ops: [], unforced: true }, ...visit.ops.map((name) => ({ label: name, ops: [name], unforced: false }))];
}

async function walk(page: Page, visit: Visit, share: Share, lang: Lang, consoleErrors: string[], testInfo: TestInfo) {
  await page.addInitScript((tag) => localStorage.setItem('vitrina.locale', tag), lang);
  await page.addInitScript(countRequests);
  await page.addInitScript(
    ({ local, session }) => {
      try {
        for (const [k, v] of Object.entries(local)) localStorage.setItem(k, v);
        for (const [k, v] of Object.entries(session)) sessionStorage.setItem(k, v);
      } catch {
        // about:blank has no storage.
      }
    },
    { local: visit.local ?? {}, session: visit.session ?? {} },
  );
  const appOrigin = new URL(testInfo.project.use.baseURL!).origin;
  let forced: { op: Op; code: string } | null = null;
  let asked = false;
  const given = Object.entries(visit.given ?? {}).map(([name, file]) => ({
    op: op(name),
    body: fs.readFileSync(path.join(__dirname, 'answers', file), 'utf8'),
  }));
  const matches = (o: Op, method: string, pathname: string) => method === o.method && o.path.test(pathname);
  await page.route(
    (url) => url.pathname.startsWith('/api/') && url.origin !== appOrigin,
    async (route) => {
      const request = route.request();
      const pathname = new URL(request.url()).pathname;
      if (forced && matches(forced.op, request.method(), pathname)) {
        asked = true;
        await route.continue({ headers: { ...request.headers(), prefer: `code=${forced.code}` } });
        return;
      }
      const fixed = forced && given.find((g) => matches(g.op, request.method(), pathname));
      if (fixed) await route.fulfill({ status: 200, contentType: 'application/json', body: fixed.body });
      else await route.continue();
    },
  );
  const runs: ({ op: Op; code: string } | null)[] = share.unforced ? [null, null] : [];
  for (const name of share.ops) for (const code of op(name).codes) runs.push({ op: op(name), code });

  const results: CaseResult[] = [];
  for (const run of runs) {
    forced = run;
    asked = false;
    const name = run ? `${run.op.name} → ${run.code}` : 'whatever the mock answers';
    const errorsBefore = consoleErrors.length;
    try {
      settled.delete(page);
      await page.goto(visit.path);
      await settle(page);
      await expectSensible(page, lang, appOrigin);
      if (visit.act) {
        await visit.act(page);
        await settle(page);
        await expectSensible(page, lang, appOrigin);
      }
      const fresh = consoleErrors.slice(errorsBefore);
      if (fresh.length) throw new Error(`errors in the console: ${fresh.join(' | ').slice(0, 1500)}`);
      results.push({ group: visit.name, name, lang, passed: true, ...(run ? { asked } : {}) });
    } catch (e) {
      results.push({ group: visit.name, name, lang, passed: false, error: String((e as Error).message ?? e).split('\n').slice(0, 8).join('\n') });
      consoleErrors.splice(errorsBefore);
    }
  }
  await testInfo.attach('robustness-cases', { body: JSON.stringify({ suite: 'Mock backend (Prism, dynamic)', results }), contentType: 'application/json' });
  const failed = results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.error}`);
  expect(failed, `${visit.name}, ${share.label}: ${results.length - failed.length} of ${results.length} held`).toEqual([]);
}

VISITS.forEach((visit, i) => {
  const lang = LANGS[i % LANGS.length];
  for (const share of shares(visit)) {
    test(`${visit.name} (${lang}), ${share.label}: every answer the contract allows renders or is explained`, async ({ page, consoleErrors }, testInfo) => {
      await walk(page, visit, share, lang, consoleErrors, testInfo);
    });
  }
});
