import type { Request } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { editConfig, test, expect } from './fixtures';
import { placeOrder } from './orders';
import { useCart } from './shop';
import { table } from './words';

/**
 * The page's frame and its requests: the header is on screen from the first frame the app paints
 * and never leaves while a page's data loads, fails or the session check is retried; and the
 * page does not ask for its data one request after another.
 */

/** Counts, in the page, animation frames on which the header or the store's name was missing. */
const WATCH_HEADER = `
  window.__headerGone = 0;
  window.__headerSeen = false;
  const watch = () => {
    const brand = document.querySelector('header.site-header .site-header__brand');
    const shown = brand !== null && brand.textContent.trim().length > 0 && brand.getBoundingClientRect().height > 0;
    if (shown) window.__headerSeen = true;
    else if (window.__headerSeen) window.__headerGone += 1;
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);`;

const problem = (status: number) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status }),
});

test('the header stays while the page’s data is delayed then fails, and the session check’s retries hold nothing up', async ({ page }) => {
  await page.addInitScript(WATCH_HEADER);
  // The session check fails slowly, every time (the app retries it twice); the seller's contact
  // answers late, with an error. Each is released only when the test says so.
  let sessionAnswers = 0;
  const sessionAnsweredAt: number[] = [];
  let releaseContact = () => {};
  const contactReleased = new Promise<void>((resolve) => { releaseContact = resolve; });
  await page.route('**/api/session', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    sessionAnswers += 1;
    sessionAnsweredAt.push(Date.now());
    await route.fulfill(problem(503));
  });
  await page.route('**/api/sellers/demo-seller/contact', async (route) => {
    await contactReleased;
    await route.fulfill(problem(500));
  });
  const started: { url: string; at: number }[] = [];
  page.on('request', (request: Request) => started.push({ url: new URL(request.url()).pathname, at: Date.now() }));

  const response = await page.goto('/sellers/demo-seller/contact');
  // The configuration came with the page: nothing waits for a request for it.
  expect(await response?.text()).toMatch(/id="vitrina-config">\{"api_base_url"/);
  const header = page.locator('header.site-header .site-header__brand');
  await expect(header).toHaveText('Vitrina Demo Store');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Both requests are out before either has been answered: neither waits for the other.
  await expect.poll(() => started.filter((r) => r.url === '/api/sellers/demo-seller/contact').length).toBe(1);
  const contactAt = started.find((r) => r.url === '/api/sellers/demo-seller/contact')?.at ?? Infinity;
  expect(started.some((r) => r.url === '/api/session' && r.at <= contactAt), 'the session check started with the page').toBe(true);
  expect(contactAt, 'the page asked for its data before the session check answered').toBeLessThan(sessionAnsweredAt[0] ?? Infinity);
  expect(started.filter((r) => r.url === '/config.json'), 'config.json asked for separately').toEqual([]);

  // Still loading: the header and the heading stay.
  await page.waitForTimeout(1000);
  await expect(header).toBeVisible();
  releaseContact();
  await expect(page.getByRole('alert')).toBeVisible();
  // The page's error is shown while the session check is still being retried, not after it.
  expect(sessionAnswers, 'the error waited for the session check to give up').toBeLessThan(3);
  await expect(header).toHaveText('Vitrina Demo Store');
  // Let the session check's retries run out with the page on screen: the header never left.
  await expect.poll(() => sessionAnswers, { timeout: 15_000 }).toBe(3);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __headerGone: number }).__headerGone), 'frames without the header').toBe(0);
});

test('the first frame already shows the store’s header, in the page as the server sends it', async ({ page }) => {
  const response = await page.request.get('/track');
  const html = await response.text();
  expect(html).toMatch(/class="site-header__brand">Vitrina Demo Store</);
  expect(html).toMatch(/<html data-paint-first lang="(en|ru|uk|sk)">/);
});

test('where the page as sent is the page, the app’s code is asked for only once it has been painted; where the page is its data, at once', async ({ page }) => {
  // A number the carrier has not reported: the page has no news of it to send.
  for (const path of ['/track/PX9999999999', '/sellers/demo-seller/contact']) {
    const response = await page.goto(path);
    const html = (await response?.text()) ?? '';
    expect(html, path).toMatch(/<html lang="[a-z]+">/);
    // Its wasm is named in the head, so it is on its way while the page is parsed, and it is the
    // file the loader fetches: downloaded once.
    const preloaded = html.match(/<link rel="preload" href="([^"]+_bg\.wasm)" as="fetch" type="application\/wasm" crossorigin>/)?.[1];
    expect(preloaded, `${path}: the wasm preloaded`).toBeDefined();
    expect(html, path).toContain(`fetch('${preloaded}'`);
    await expect(page.locator('#app > [data-shell]'), path).toHaveCount(0);
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.wasm')).map((e) => new URL(e.name).pathname));
    expect(wasm, `${path}: the wasm downloads`).toEqual([preloaded]);
  }
  // Something in the cart: the checkout's first step is shown, not a hop to the empty cart.
  await useCart(page, [['desk-lamp-1', 1]]);
  for (const path of ['/', '/checkout/contact', '/sign-in', '/track/PX1000000001']) {
    const response = await page.goto(path);
    const html = await response?.text();
    expect(html, path).toMatch(/<html data-paint-first lang="[a-z]+">/);
    // Nothing in the page asks for the code before it is painted: no preload of it.
    expect(html, path).not.toMatch(/<link[^>]*rel="(preload|modulepreload)"[^>]*\.(wasm|js)"/);
    await expect(page.locator('#app > [data-shell]'), path).toHaveCount(0);
    const [painted, code] = await page.evaluate(() => [
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      performance.getEntriesByType('resource').filter((e) => /\.(wasm|js)$/.test(new URL(e.name).pathname)).map((e) => e.startTime),
    ] as const);
    expect(painted, `${path}: the page was painted`).not.toBeNull();
    expect(code, `${path}: the app's JS and wasm`).toHaveLength(2);
    for (const asked of code) expect(asked, `${path}: asked for at ${asked} ms, painted at ${painted} ms`).toBeGreaterThan(painted ?? Infinity);
  }
});

test('a checkout step painted before the parser reaches its steps already has the checkout’s header, so nothing under it moves', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // What a paint in the middle of parsing shows: the page as sent, up to its header's end. The
  // app's code is held back, so what is seen is the page as sent.
  await page.route('**/*.wasm', () => new Promise<void>(() => {}));
  await page.route('**/checkout/contact', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const end = html.indexOf('</header>') + '</header>'.length;
    expect(end, 'the page has a header').toBeGreaterThan('</header>'.length);
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !['content-encoding', 'content-length'].includes(name)));
    await route.fulfill({ status: response.status(), headers, body: html.slice(0, end) });
  });
  await page.goto('/checkout/contact');
  const header = page.locator('header.site-header');
  await expect(header.locator('.site-header__brand')).toHaveText('Vitrina Demo Store');
  await expect(header.getByRole('link', { name: /Cart/ })).toBeVisible();
  // The store's name, the cart and the language only, as when the steps are in.
  await expect(header.getByRole('link', { name: 'Track a parcel' })).toBeHidden();
  await expect(header.getByRole('link', { name: 'Find an order' })).toBeHidden();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeHidden();
  await expect(page.locator('.steps__list')).toHaveCount(0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a checkout step loaded in full shows its summary’s lines and totals together when the cart comes, so nothing in it moves', async ({ page }) => {
  await useCart(page, [['desk-lamp-1', 1], ['ceramic-mug-1', 2]]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript(WATCH_SHIFTS);
  // The cart's answer held back until the app has taken the page over.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/api\/carts\/[^/]+$/, async (route) => { await held; await route.continue(); });
  await page.goto('/checkout/contact');
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  const summary = page.getByRole('complementary', { name: 'Your order' });
  await expect(summary.getByRole('heading', { name: 'Your order' })).toBeVisible();
  // Until the cart comes, the summary is its heading, as the page was sent: no zero total.
  await expect(summary.locator('.summary-lines__item')).toHaveCount(0);
  await expect(summary.locator('.totals')).toHaveCount(0);
  release();
  await expect(summary.locator('.summary-lines__item')).toHaveCount(2);
  await expect(summary.locator('.totals')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts), 'layout shifts').toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('the page asks for its area’s words in the shopper’s language beside the app’s code, once, and its first answers in that language', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/locales/') || pathname.startsWith('/api/')) asked.push(pathname);
  });
  // The browser reads English: the tracking area's English words, and nothing else of words.
  await page.goto('/track/PX1000000001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipment tracking');
  await expect(page.getByTestId('shipment-state')).toBeVisible();
  expect(asked.filter((path) => path.startsWith('/locales/'))).toEqual(['/locales/track/en.json']);

  // A shopper who chose Russian before: the Russian words, and the session and the shipment
  // asked for once each, in Russian, by the page, then handed to the app.
  asked.length = 0;
  await page.evaluate(() => localStorage.setItem('vitrina.locale', 'ru'));
  await page.goto('/track/PX1000000001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отслеживание отправления');
  await expect(page.getByTestId('shipment-state')).toBeVisible();
  expect(asked.filter((path) => path.startsWith('/locales/'))).toEqual(['/locales/track/ru.json']);
  for (const path of ['/api/session', '/api/shipments/PX1000000001']) {
    expect(asked.filter((a) => a === path), `requests for ${path}`).toHaveLength(1);
  }
});

test('without its words in any language the store says so, in English, and opens on “Try again”', async ({ page }) => {
  await page.route('**/locales/**', (route) => route.fulfill({ status: 503, body: '' }));
  await page.goto('/track/PX1000000001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The store cannot open right now');
  await expect(page.getByText('The store could not load the words of its pages')).toBeVisible();
  await expect(page.locator('header.site-header')).toBeVisible();
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Try again' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipment tracking');
  await expect(page.getByTestId('shipment-state')).toBeVisible();
});

test('the app’s code as shipped: the JS loader minified, without the classes nothing uses, and the names it shares with the wasm short', async ({ page }) => {
  const code: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/vitrina-app-[0-9a-f]+(_bg\.wasm|\.js)$/.test(pathname)) code.push(pathname);
  });
  await page.goto('/track/PX1000000001');
  await expect(page.getByTestId('shipment-state')).toBeVisible();
  const wasm = code.find((path) => path.endsWith('.wasm'))!;
  const js = code.find((path) => path.endsWith('.js'))!;
  const names = await page.evaluate(async (path) => {
    const module = await WebAssembly.compileStreaming(fetch(path));
    return {
      exports: WebAssembly.Module.exports(module).map((e) => e.name),
      imports: WebAssembly.Module.imports(module).map((i) => i.name),
    };
  }, wasm);
  expect(names.exports.length, 'the app’s own exports are kept').toBeGreaterThan(3);
  expect(names.imports.length, 'the browser’s functions the app calls').toBeGreaterThan(50);
  // wasm-bindgen names them `__wbg_location_7320782274fc691b` and after whole Rust types.
  expect([...names.exports, ...names.imports].filter((name) => name.length > 2), 'short names, in both files').toEqual([]);
  const loader = await (await page.request.get(js)).text();
  expect(loader, 'no comments').not.toContain('/**');
  expect(loader.split('\n').length, 'minified').toBeLessThan(50);
  expect(loader, 'no hashed names').not.toMatch(/_[0-9a-f]{16}\b/);
  expect(loader, 'the stream adapters nothing uses').not.toMatch(/intounderlying/i);
});

test('each page’s stylesheet keeps every rule for what the page shows, and not the rules of other areas', async ({ page, request }) => {
  const order = await placeOrder(request);
  // The stylesheet as written, and the classes each of its rules needs.
  const written = fs.readFileSync(path.resolve(__dirname, '../../style/main.css'), 'utf8');
  const styled = new Set([...written.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]));
  const routes = ['/', '/cart', '/checkout/contact', order.url, '/orders/lookup', '/track', '/track/PX1000000001', '/track/PX1000000009',
    '/sellers/demo-seller/contact', '/sign-in'];
  for (const route of routes) {
    await page.goto(route);
    await expect(page.locator('#app [data-shell]')).toHaveCount(0);
    await expect(page.locator('.loading, .skeleton')).toHaveCount(0);
    const { shown, kept } = await page.evaluate(() => ({
      shown: [...new Set([...document.querySelectorAll('[class]')].flatMap((e) => [...e.classList]))],
      kept: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n'),
    }));
    // A class the page shows that the stylesheet styles keeps its rules in the page's stylesheet.
    const lost = shown.filter((c) => styled.has(c) && !new RegExp(`\\.${c.replace(/[-]/g, '\\-')}(?![\\w-])`).test(kept));
    expect(lost, `${route}: classes shown whose rules the page’s stylesheet lost`).toEqual([]);
  }
  // The other areas' rules are not in the catalog's page, nor the shop's in the tracking page's.
  await page.goto('/');
  const catalog = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  expect(catalog).not.toContain('.phase-bar');
  expect(catalog).not.toContain('.contact-channel');
  await page.goto('/track/PX1000000001');
  const tracking = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  expect(tracking).toContain('.phase-bar');
  expect(tracking).not.toContain('.product-card');
  expect(tracking).not.toContain('.cart-line');
});

test('words that never come are given up at the store’s time limit and said like any answer that never comes: at start, and on a switch', async ({ page }) => {
  await editConfig(page, (config) => ({ ...config, request_timeout_ms: 2_000 }));
  let hanging = true;
  // Asked for and never answered (until the test lets the words through).
  await page.route('**/locales/**', (route) => (hanging ? undefined : route.fallback()));
  await page.goto('/track/PX1000000001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The store cannot open right now');
  await expect(page.getByText('The store could not load the words of its pages')).toBeVisible();
  await expect(page.getByText('The store is taking too long to answer.')).toBeVisible();
  hanging = false;
  await page.getByRole('button', { name: 'Try again' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipment tracking');
  await expect(page.getByTestId('shipment-state')).toBeVisible();

  // The Russian words never come: the page stays in English and says so, with a way to try again.
  hanging = true;
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(page.getByRole('alert').filter({ hasText: 'Русский could not be loaded, so the page stays in this language.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipment tracking');
  hanging = false;
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отслеживание отправления');
});

test('a language whose words cannot be loaded is said, the page and the switcher stay as they were, and “Try again” switches', async ({ page }) => {
  await page.goto('/track/PX1000000001');
  await expect(page.getByTestId('shipment-state')).toBeVisible();
  let failing = true;
  await page.route('**/locales/**/ru.json', (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.fallback()));
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.selectOption('ru');
  await expect(page.getByRole('alert').filter({ hasText: 'Русский could not be loaded, so the page stays in this language.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipment tracking');
  await expect(language).toHaveValue('en');
  // Not remembered: the next page opens in the language that works.
  expect(await page.evaluate(() => localStorage.getItem('vitrina.locale'))).not.toBe('ru');
  failing = false;
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отслеживание отправления');
  await expect(page.getByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
  await expect(page.getByRole('alert').filter({ hasText: 'Русский' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('vitrina.locale'))).toBe('ru');
});

test('the seller’s editor asked for without a session is the sign-in page as sent: its form and the demo accounts before the app, in place after', async ({ page }) => {
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.fallback();
  });
  await page.goto('/seller/contact', { waitUntil: 'domcontentloaded' });
  // The server sent the sign-in page straight away, coming back to the editor afterwards.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?return=%2Fseller%2Fcontact');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  const email = page.getByLabel('Email');
  await expect(email).toBeDisabled();
  await expect(page.getByLabel('Password')).toBeDisabled();
  const demo = page.locator('.sign-in__demo');
  await expect(demo).toContainText('seller@example.com');
  const before = { form: await page.locator('form').boundingBox(), demo: await demo.boundingBox() };

  release();
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  await expect(email).toBeEnabled();
  const after = { form: await page.locator('form').boundingBox(), demo: await demo.boundingBox() };
  for (const part of ['form', 'demo'] as const) {
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs((after[part]?.[side] ?? -1) - (before[part]?.[side] ?? -2)), `${part}'s ${side}`).toBeLessThan(0.5);
    }
  }
});

// The editor's data is the seller's settings, whose address names the seller: the app learns it
// from the session's answer. The server that has the session names that address in the page it
// sends, so the settings are asked for beside the session check, not after its answer; and the
// editor's heading and intro, its largest words, are painted before the app's code is asked for.
test('the seller’s editor as sent asks for the seller’s settings beside the session check, and is painted before its code is asked for', async ({ page }) => {
  const signedIn = await page.request.post('/api/session', { data: { email: 'seller@example.com', password: 'demo' } });
  expect(signedIn.ok(), await signedIn.text()).toBeTruthy();
  let sessionAnsweredAt = Infinity;
  await page.route('**/api/session', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    sessionAnsweredAt = Date.now();
    await route.fallback();
  });
  const started: { url: string; at: number }[] = [];
  page.on('request', (request: Request) => started.push({ url: new URL(request.url()).pathname, at: Date.now() }));

  const response = await page.goto('/seller/contact');
  const html = (await response?.text()) ?? '';
  expect(html).toMatch(/<html data-paint-first lang="[a-z]+">/);
  expect(html).not.toMatch(/<link[^>]*rel="(preload|modulepreload)"[^>]*\.(wasm|js)"/);
  expect(html).toContain('/api/sellers/demo-seller/contact-settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your contact page');
  // The settings came: the editor's form and its preview are shown.
  await expect(page.getByTestId('editor-preview')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  const settings = started.filter((r) => r.url === '/api/sellers/demo-seller/contact-settings');
  expect(settings, 'the settings asked for once: the app took the answer the page asked for').toHaveLength(1);
  expect(settings[0].at, 'the settings were asked for before the session check answered').toBeLessThan(sessionAnsweredAt);
  const [painted, code] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    performance.getEntriesByType('resource').filter((e) => /\.(wasm|js)$/.test(new URL(e.name).pathname)).map((e) => e.startTime),
  ] as const);
  expect(painted, 'the page was painted').not.toBeNull();
  expect(code, 'the app\'s JS and wasm').toHaveLength(2);
  for (const asked of code) expect(asked, `asked for at ${asked} ms, painted at ${painted} ms`).toBeGreaterThan(painted ?? Infinity);
});

// An order's largest words are its thanks and where the confirmation went: the server that has
// the order writes them into the page it sends, so they are painted before the app's code is
// asked for, and the app keeps them in place until its own copy of the order has come.
test('an order’s page as sent thanks its customer and names where the confirmation went, before the app’s code; both stay in place when it takes over', async ({ page, request }) => {
  const order = await placeOrder(request);
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.fallback();
  });
  // The order's answer comes well after the app has taken over, so the app shows its page
  // before it has the order: the sent lines must stay through that.
  await page.route(`**/api/orders/${order.number}?*`, async (route) => {
    await released;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fallback();
  });
  await page.addInitScript(WATCH_SHIFTS);
  // Counts the frames, after the e-mail's line was first drawn, in which it was not there.
  await page.addInitScript(`
    window.__emailGone = 0;
    let seen = false;
    const watch = () => {
      const line = document.querySelector('.order-page__email');
      if (line !== null && line.textContent.includes('anna@example.com')) seen = true;
      else if (seen) window.__emailGone += 1;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);`);
  const response = await page.goto(order.url, { waitUntil: 'domcontentloaded' });
  expect(response?.headers()['cache-control'], 'a page naming its customer is never kept').toBe('no-store');
  const html = (await response?.text()) ?? '';
  expect(html).toMatch(/<html data-paint-first lang="[a-z]+">/);
  expect(html).not.toMatch(/<link[^>]*rel="(preload|modulepreload)"[^>]*\.(wasm|js)"/);
  const thanks = page.locator('.order-page__thanks');
  const email = page.locator('.order-page__email');
  await expect(thanks).toHaveText('Thank you, Анна Петрова!');
  await expect(email).toHaveText('We have sent the confirmation to anna@example.com.');
  await expect(page.locator('#app > [data-shell]').first()).toBeAttached();
  const before = { thanks: await thanks.boundingBox(), email: await email.boundingBox() };
  const [painted, code] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    performance.getEntriesByType('resource').filter((e) => /\.(wasm|js)$/.test(new URL(e.name).pathname)).map((e) => e.startTime),
  ] as const);
  expect(painted, 'the page was painted').not.toBeNull();
  for (const asked of code) expect(asked, `asked for at ${asked} ms, painted at ${painted} ms`).toBeGreaterThan(painted ?? Infinity);

  release();
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.getByTestId('order-email')).toHaveText('We have sent the confirmation to anna@example.com.');
  await expect(page.getByTestId('order-thanks')).toHaveText('Thank you, Анна Петрова!');
  const after = { thanks: await thanks.boundingBox(), email: await email.boundingBox() };
  for (const part of ['thanks', 'email'] as const) {
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs((after[part]?.[side] ?? -1) - (before[part]?.[side] ?? -2)), `${part}'s ${side}`).toBeLessThan(0.5);
    }
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts), 'layout shifts').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __emailGone: number }).__emailGone), 'frames without the e-mail’s line').toBe(0);
});

// A shipment's largest words are the carrier's latest news, its place and its time: the server
// writes them into the page it sends (in the page's language, the time as the browser's Intl
// writes it), so a phone paints them before the app's code has come, and the app's summary says
// the same, word for word, so its paint of them is not a later, larger one.
test('a shipment’s page as sent gives the carrier’s latest news as the app will, in each language, and it stays the largest paint', async ({ browser }) => {
  for (const language of ['en', 'ru', 'uk', 'sk']) {
    const context = await browser.newContext({ locale: language, viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.addInitScript(`
      window.__largest = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__largest.push({ sent: !!e.element?.closest('[data-shell]'), size: e.size, text: (e.element?.textContent || '').slice(0, 60) });
      }).observe({ type: 'largest-contentful-paint', buffered: true });`);
    let release = () => {};
    const released = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => {
      await released;
      await route.fallback();
    });
    const response = await page.goto('/track/PX1000000001', { waitUntil: 'domcontentloaded' });
    const html = (await response?.text()) ?? '';
    expect(html, language).toMatch(new RegExp(`<html data-paint-first lang="${language}">`));
    const sent = page.locator('#app > [data-shell] [data-lead="track.carriers_words"]');
    await expect(sent, language).toBeVisible();
    const sentText = await sent.textContent();
    expect(sentText, `${language}: the carrier's words, place and time`).toMatch(/Доставлено получателю · Самара · .*\d{4}.* \(Europe\/Samara, UTC\+4\)$/);
    await expect(sent.locator('time'), language).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+04:00$/);
    // Painted, as the largest so far, before the app's code has come.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __largest: { sent: boolean }[] }).__largest.at(-1)?.sent), language).toBe(true);

    release();
    await expect(page.locator('#app > [data-shell]'), language).toHaveCount(0);
    const shown = page.locator('.shipment__summary .shipment__raw');
    await expect(shown, language).toBeVisible();
    expect(await shown.textContent(), `${language}: the app words the news as the page as sent did`).toBe(sentText);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r)))));
    const largest = await page.evaluate(() => (window as unknown as { __largest: { sent: boolean; size: number; text: string }[] }).__largest);
    expect(largest.at(-1), `${language}: the largest paint is the page as sent’s`).toMatchObject({ sent: true });
    await context.close();
  }
});

/** Records, in the page, every layout shift not caused by the shopper's input. */
const WATCH_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.value > 0 && !e.hadRecentInput) {
        // What moved, from where to where, and what the header said then (a failure explains itself).
        const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
        window.__shifts.push({
          value: e.value, at: Math.round(e.startTime),
          moved: e.sources.map((s) => (s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?') + ' ' + rect(s.previousRect) + ' → ' + rect(s.currentRect)),
          header: document.querySelector('header.site-header')?.innerText.replace(/\s+/g, ' ') ?? null,
          shell: document.querySelectorAll('#app > [data-shell]').length,
        });
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });`;

type Box = { x: number; y: number; width: number; height: number };
const WHAT_A_SHOPPER_SEES = ['header.site-header', '.site-header__brand', '.site-header__nav', 'h1'];
/** Shown on every page at every width (the navigation is not, in checkout on a phone). */
const ALWAYS_SEEN = ['header.site-header', '.site-header__brand', 'h1'];

/** Where the header, its parts and the heading are on screen (null: not shown at this width). */
async function boxes(page: import('@playwright/test').Page): Promise<Record<string, Box | null>> {
  const out: Record<string, Box | null> = {};
  for (const selector of WHAT_A_SHOPPER_SEES) {
    const box = await page.locator(selector).first().boundingBox();
    if (ALWAYS_SEEN.includes(selector)) expect(box, `${selector} on screen`).not.toBeNull();
    out[selector] = box;
  }
  return out;
}

// A busy phone may paint the page while its parser is still inside the language switcher, some
// of its options not read yet: the switcher is drawn as wide then as with all of them, so the
// header's other parts never move when the rest arrives (seen as a rare layout shift under load).
test('the language switcher is as wide before its options are read as after, at every width', async ({ page }) => {
  await page.route('**/*.wasm', () => {});
  await page.goto('/track', { waitUntil: 'domcontentloaded' });
  const select = page.locator('#app > [data-shell] .language__select');
  for (const width of [360, 390, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const header = async () => ({
      select: (await select.boundingBox())?.width,
      nav: await page.locator('.site-header__nav a').first().boundingBox(),
      label: await page.locator('#app > [data-shell] label.language').boundingBox(),
    });
    const whole = await header();
    const options = await select.evaluate((s) => s.innerHTML);
    await select.evaluate((s) => { s.innerHTML = ''; });
    expect(await header(), `${width} px: the header without the switcher's options`).toEqual(whole);
    await select.evaluate((s, html) => { s.innerHTML = html; }, options);
  }
});

// A busy browser may also paint the page while its parser is still before the cart's link, the
// account's or the switcher: on a phone the header's rows are as tall without them, and on a
// wider screen the links stand beside the store's name, the later parts to their right, so the
// links already there do not move when the rest arrives (seen as rare layout shifts of the
// navigation, on a phone and at 1280 px). The account, too, stays where it is when the language
// comes after it (seen signed in at 1280 px), on a row of its own or beside the links.
test('the header’s links stay in place whichever of the header’s later parts are not read yet, at every width, signed in or not', async ({ page }) => {
  await page.route('**/*.wasm', () => {});
  for (const signedIn of [false, true]) {
    if (signedIn) expect((await page.request.post('/api/session', { data: { email: 'shopper@example.com', password: 'demo' } })).status()).toBe(200);
    await page.goto('/cart', { waitUntil: 'domcontentloaded' });
    const inner = page.locator('#app > [data-shell] .site-header__inner');
    if (signedIn) await expect(inner.locator('.account-nav__name')).toHaveText('Anna Petrova');
    const built = await inner.evaluate((e) => e.innerHTML);
    for (const width of [360, 390, 480, 600, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const links = async () => ({
        brand: await page.locator('#app > [data-shell] .site-header__brand').boundingBox(),
        first: await page.locator('#app > [data-shell] .site-header__nav a').first().boundingBox(),
      });
      const whole = await links();
      const account = await page.locator('#app > [data-shell] .account-nav').boundingBox();
      for (const later of ['.site-header__nav a:nth-child(2)', '.site-header__cart', '.account-nav', 'label.language']) {
        await inner.evaluate((e, selector) => {
          // The part and everything after it in the page's order, as a parser that has not reached it yet.
          const part = e.querySelector(selector);
          if (!part) throw new Error(`the header has no ${selector}`);
          const all = [...e.querySelectorAll('*')];
          for (const node of all.slice(all.indexOf(part))) if (!node.contains(e.querySelector('.site-header__nav a'))) node.remove();
        }, later);
        expect(await links(), `${width} px${signedIn ? ', signed in' : ''}, before ${later} is read`).toEqual(whole);
        if (later === 'label.language') {
          expect(await page.locator('#app > [data-shell] .account-nav').boundingBox(), `${width} px${signedIn ? ', signed in' : ''}: the account, before the language is read`).toEqual(account);
        }
        await inner.evaluate((e, html) => { e.innerHTML = html; }, built);
      }
    }
  }
});

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
  test(`before the app has loaded, each page already shows the store’s header and its heading, which stay in place when the app takes over (${viewport.width} px)`, async ({ page, request }) => {
    await page.setViewportSize(viewport);
    const order = await placeOrder(request);
    const pages: [string, string][] = [
      ['/', 'Catalog'],
      ['/cart', 'Your cart'],
      [order.url, `Order ${order.number}`],
      ['/track/PX1000000001', 'Shipment tracking'],
      ['/track', 'Track a parcel'],
      ['/orders/lookup', 'Find your order'],
      ['/sellers/demo-seller/contact', 'Contact the seller'],
      ['/sign-in', 'Sign in'],
    ];
    await page.addInitScript(WATCH_SHIFTS);
    const asked: string[] = [];
    page.on('request', (r: Request) => { if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname + new URL(r.url()).search); });
    for (const [path, heading] of pages) {
      asked.length = 0;
      // The app's code is held back until the test lets it through.
      let release = () => {};
      const released = new Promise<void>((resolve) => { release = resolve; });
      await page.route('**/*.wasm', async (route) => {
        await released;
        await route.fallback();
      });
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      // What the page shows without its code: the store's header and the page's heading.
      await expect(page.locator('.site-header__brand'), path).toHaveText('Vitrina Demo Store');
      await expect(page.getByRole('link', { name: 'Track a parcel' }), path).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
      await expect(page.locator('#app > [data-shell]').first(), path).toBeAttached();
      const before = await boxes(page);

      release();
      // The app has taken over (the static shell is gone) and the page's data is in.
      await expect(page.locator('#app > [data-shell]'), path).toHaveCount(0);
      await expect(page.locator('.loading'), path).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
      const after = await boxes(page);
      for (const selector of WHAT_A_SHOPPER_SEES) {
        const [was, is] = [before[selector], after[selector]];
        expect(is === null, `${path}: ${selector} shown before the app and after alike`).toBe(was === null);
        if (was === null || is === null) continue;
        for (const side of ['x', 'y', 'width', 'height'] as const) {
          expect(Math.abs(is[side] - was[side]), `${path}: ${selector}'s ${side} ${was[side]} → ${is[side]}`).toBeLessThan(0.5);
        }
      }
      // Nothing on screen moved while the page loaded, the app started and the data came.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts), `${path}: layout shifts`).toEqual([]);
      // What the page named to ask for at once (its session and its data) was asked for once:
      // the app was handed those answers rather than asking again.
      const early: string[] = JSON.parse(await page.evaluate(() => document.getElementById('vitrina-early')?.textContent || '[]'));
      expect(early, path).toContain('/api/session');
      for (const url of early) expect(asked.filter((a) => a === url), `${path}: requests for ${url}`).toHaveLength(1);
      await page.unrouteAll();
    }
  });
}

// A signed-in shopper's page names her from the first frame: the server writes whom the session
// signs in into the header, and the app says the same until it has asked itself. Never "Sign in"
// to someone signed in, and nothing in the header moves when the app takes over.
test('a signed-in browser’s page names the account from the first frame, and the header stays as it is when the app takes over', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const signIn = await page.request.post('/api/session', { data: { email: 'shopper@example.com', password: 'demo' } });
  expect(signIn.status()).toBe(200);
  await page.addInitScript(WATCH_SHIFTS);
  await page.addInitScript(`
    window.__saidSignIn = false;
    new MutationObserver(() => {
      if (document.querySelector('header .account-nav a[href^="/sign-in"]')) window.__saidSignIn = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });`);
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.fallback();
  });
  // The session's answer comes late (a slow network): the app takes over before it knows.
  let answer = () => {};
  const answered = new Promise<void>((resolve) => { answer = resolve; });
  await page.route('**/api/session', async (route) => {
    if (route.request().method() === 'GET') await answered;
    await route.fallback();
  });
  const response = await page.goto('/track', { waitUntil: 'domcontentloaded' });
  expect(response?.headers()['cache-control'], 'a page with a name in it is not kept').toBe('no-store');
  const nav = page.locator('header .account-nav');
  await expect(nav.locator('.account-nav__name')).toHaveText('Anna Petrova');
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('#app > [data-shell]').first()).toBeAttached();
  const before = await nav.boundingBox();
  release();
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  await expect(nav.locator('.account-nav__name')).toHaveText('Anna Petrova');
  answer();
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  await expect(nav.locator('.account-nav__name')).toHaveText('Anna Petrova');
  expect(await nav.boundingBox()).toEqual(before);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts), 'layout shifts').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __saidSignIn: boolean }).__saidSignIn), '“Sign in” said to someone signed in').toBe(false);

  // Signed out, the page as sent says "Sign in" again (and may be kept).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const anonymous = await page.request.get('/track');
  expect(anonymous.headers()['cache-control']).not.toBe('no-store');
  expect(await anonymous.text()).not.toContain('Anna Petrova');
});

// The page as sent speaks the language the app will show: the browser's first that the store's
// app speaks, then the shopper's own choice. A Russian browser on a store whose language is
// English sees Russian from the first frame, and nothing changes language when the app takes over.
test.describe('a browser in another language than the store’s', () => {
  test.use({ locale: 'ru-RU' });

  test('gets the page as sent in its language, then in the language the shopper picks', async ({ page }) => {
    const [ru, uk] = [table('ru'), table('uk')];
    let release = () => {};
    const hold = async () => {
      const released = new Promise<void>((resolve) => { release = resolve; });
      await page.route('**/*.wasm', async (route) => {
        await released;
        await route.fallback();
      });
    };
    await hold();
    await page.addInitScript(WATCH_SHIFTS);
    const response = await page.goto('/track/PX1000000001', { waitUntil: 'domcontentloaded' });
    expect(response?.headers().vary).toContain('accept-language');
    // Before the app: the page, its header and its heading in Russian.
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.locator('#app > [data-shell] h1')).toHaveText(ru['track.shipment_title']);
    await expect(page.locator('#app > [data-shell] .site-header__nav a').first()).toHaveText(ru['nav.track']);
    await expect(page.locator('#app > [data-shell] .language__select')).toHaveValue('ru');
    const before = await page.locator('h1').boundingBox();

    release();
    await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
    await expect(page.getByTestId('shipment-state')).toBeVisible();
    // The app shows the same words in the same place.
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.locator('h1')).toHaveText(ru['track.shipment_title']);
    await expect(page.locator('.site-header__nav a').first()).toHaveText(ru['nav.track']);
    const after = await page.locator('h1').boundingBox();
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs((after?.[side] ?? -1) - (before?.[side] ?? -2)), `the heading's ${side}`).toBeLessThan(0.5);
    }
    expect(await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts), 'layout shifts').toEqual([]);

    // The shopper picks Ukrainian: the next page is sent in Ukrainian.
    await page.locator('.language__select').selectOption('uk');
    await expect(page.locator('h1')).toHaveText(uk['track.shipment_title']);
    await page.unrouteAll();
    await hold();
    await page.goto('/orders/lookup', { waitUntil: 'domcontentloaded' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await expect(page.locator('#app > [data-shell] h1')).toHaveText(uk['lookup.title']);
    await expect(page.locator('#app > [data-shell] .language__select')).toHaveValue('uk');
    release();
    await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
    await expect(page.locator('h1')).toHaveText(uk['lookup.title']);
  });
});

// The browser's first Intl formatter loads its locale data, tens of milliseconds on a phone: the
// page has it done after its first paint, while it waits for the app's code, so the app's first
// tasks (which format dates and sums at once) do not wait for it.
test('the page readies the browser’s Intl after its first paint, before the app’s code runs', async ({ page }) => {
  await page.route('**/*.wasm', () => {});
  await page.addInitScript(`
    window.__intlMade = [];
    const Made = Intl.DateTimeFormat;
    Intl.DateTimeFormat = function (...args) { window.__intlMade.push(performance.now()); return new Made(...args); };`);
  await page.goto('/track/PX1000000001', { waitUntil: 'domcontentloaded' });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __intlMade: number[] }).__intlMade.length)).toBeGreaterThan(0);
  const [made, painted] = await page.evaluate(() => [
    (window as unknown as { __intlMade: number[] }).__intlMade,
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  ] as const);
  expect(painted, 'the page was painted').not.toBeNull();
  expect(made[0], `made at ${made[0]} ms, painted at ${painted} ms`).toBeGreaterThan(painted ?? Infinity);
  expect(await page.locator('#app > [data-shell]').count(), 'the app has not started').toBeGreaterThan(0);
});
