import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { type Call, runFaults } from './faults';
import { LANGS } from './words';

// Every API call the app makes, page by page; each test runs every fault against one call.
test.describe.configure({ mode: 'parallel' });
test.setTimeout(240_000);

const shopper = { email: 'anna@example.com', phone: '+7 912 345-67-89', name: 'Анна Петрова' };
const address = { country: 'RU', city: 'Москва', line: 'ул. Ленина, д. 5, кв. 12', postcode: '101000', region: 'Москва' };

/** Storage the app finds when it next starts (once: a reload keeps what the shopper changed). */
async function seedStorage(page: Page, local: Record<string, string | null>, session: Record<string, string> = {}) {
  const nonce = Math.random().toString(36).slice(2);
  await page.addInitScript(
    ({ nonce, local, session }) => {
      try {
        if (sessionStorage.getItem(`seeded.${nonce}`)) return;
        sessionStorage.setItem(`seeded.${nonce}`, '1');
        for (const [k, v] of Object.entries(local)) {
          if (v === null) localStorage.removeItem(k);
          else localStorage.setItem(k, v);
        }
        for (const [k, v] of Object.entries(session)) sessionStorage.setItem(k, v);
      } catch {
        // about:blank has no storage.
      }
    },
    { nonce, local, session },
  );
}

async function newCart(request: APIRequestContext, items: [string, number][]) {
  const cart = await (await request.post('/api/carts')).json();
  for (const [variant_id, quantity] of items) {
    const r = await request.post(`/api/carts/${cart.id}/lines`, { data: { variant_id, quantity } });
    expect(r.ok(), `add ${variant_id}`).toBeTruthy();
  }
  return cart.id as string;
}

/** A cart's courier choice as the checkout would store it. */
async function courierChoice(request: APIRequestContext, cartId: string) {
  const quote = await (await request.post('/api/checkout/quote', { data: { cart_id: cartId, contact: shopper, address } })).json();
  const courier = quote.delivery_options.find((o: any) => o.id === 'courier');
  return { delivery_option: 'courier', delivery_date: courier.dates[0], time_window: courier.time_windows[0].id };
}

/** An order placed through the API: its number, token and page. */
async function placeOrder(request: APIRequestContext, payment = 'cash-on-delivery') {
  const cartId = await newCart(request, [['linen-shirt-2', 1]]);
  const choice = await courierChoice(request, cartId);
  const draft = {
    cart_id: cartId, contact: shopper, address, payment_method: payment,
    delivery: { option_id: 'courier', date: choice.delivery_date, time_window_id: choice.time_window },
  };
  const quote = await (await request.post('/api/checkout/quote', { data: draft })).json();
  const placed = await (await request.post('/api/orders', {
    headers: { 'Idempotency-Key': `faults-${Date.now()}-${Math.random()}` },
    data: { draft, consents: { terms_version: quote.terms_version, personal_data: true }, expected_total: quote.totals.total },
  })).json();
  return { number: placed.number as string, token: placed.access_token as string, url: `/orders/${placed.number}?token=${placed.access_token}` };
}

/** Signs in (once: sign-ins per address are limited, and a case may be opened many times). */
async function signIn(request: APIRequestContext, email = 'seller@example.com') {
  const now = await (await request.get('/api/session')).json();
  if (now.account?.email === email) return;
  const r = await request.post('/api/session', { data: { email, password: 'demo' } });
  expect(r.ok(), await r.text()).toBeTruthy();
}

/** The checkout's entries for a cart, as far as `upTo` (every step before it filled in). */
async function checkoutEntries(request: APIRequestContext, cartId: string, upTo: 'delivery' | 'payment' | 'review') {
  const entries: Record<string, unknown> = { ...shopper, country: 'RU' };
  if (upTo !== 'delivery') Object.assign(entries, address, await courierChoice(request, cartId));
  if (upTo === 'review') entries.payment_method = 'cash-on-delivery';
  return JSON.stringify(entries);
}

/** A cart with a shirt, the checkout filled in as far as `step`, and that step open. */
async function openCheckout(page: Page, step: 'delivery' | 'payment' | 'review') {
  const cartId = await newCart(page.request, [['linen-shirt-2', 1]]);
  const entries = await checkoutEntries(page.request, cartId, step);
  await seedStorage(page, { 'vitrina.cart_id': cartId }, { 'vitrina.checkout': entries });
  await page.goto(`/checkout/${step}`);
}

/** The consents on the review step, ticked by the shopper. */
async function tickConsents(page: Page) {
  await page.locator('#accept-terms').check();
  await page.locator('#personal-data').check();
}

async function consentsKept(page: Page) {
  await expect(page.locator('#accept-terms')).toBeChecked();
  await expect(page.locator('#personal-data')).toBeChecked();
}

const productCard = (page: Page) => page.getByTestId('product-card').filter({ has: page.locator('#variant-linen-shirt') });

/** On the catalog, a size chosen and "Add to cart" pressed. */
const addToCart: Pick<Call, 'act' | 'ready' | 'kept'> = {
  act: async (page) => {
    await productCard(page).locator('button.button--primary').click();
  },
  ready: (page, s) => productCard(page).getByText(s.t('catalog.added')),
  kept: async (page) => {
    await expect(page.locator('#variant-linen-shirt')).toHaveValue('linen-shirt-4');
  },
};

async function openCatalogWithChoice(page: Page) {
  await page.goto('/');
  await page.locator('#variant-linen-shirt').selectOption('linen-shirt-4');
}

const calls: Call[] = [
  {
    name: 'catalog: products',
    method: 'GET', path: /^\/api\/products$/, kind: 'load',
    open: async (page) => { await page.goto('/'); },
    ready: (page) => page.getByTestId('product-card'),
  },
  {
    name: 'cart: read',
    method: 'GET', path: /^\/api\/carts\/[^/]+$/, kind: 'load',
    open: async (page) => {
      await seedStorage(page, { 'vitrina.cart_id': await newCart(page.request, [['ceramic-mug-1', 2]]) });
      await page.goto('/cart');
    },
    ready: (page) => page.getByTestId('cart-line'),
  },
  {
    name: 'cart: start a cart',
    method: 'POST', path: /^\/api\/carts$/, kind: 'action',
    open: async (page) => {
      await seedStorage(page, { 'vitrina.cart_id': null });
      await openCatalogWithChoice(page);
    },
    ...addToCart,
  },
  {
    name: 'cart: add an item',
    method: 'POST', path: /^\/api\/carts\/[^/]+\/lines$/, kind: 'action',
    open: async (page) => {
      await seedStorage(page, { 'vitrina.cart_id': await newCart(page.request, []) });
      await openCatalogWithChoice(page);
    },
    ...addToCart,
  },
  {
    name: 'cart: change a quantity',
    method: 'PATCH', path: /^\/api\/carts\/[^/]+\/lines\/[^/]+$/, kind: 'action',
    open: async (page) => {
      await seedStorage(page, { 'vitrina.cart_id': await newCart(page.request, [['ceramic-mug-1', 1]]) });
      await page.goto('/cart');
      await expect(page.getByTestId('cart-line')).toBeVisible();
    },
    act: async (page, s) => {
      const input = page.getByTestId('cart-line').locator('input.stepper__input');
      await expect(input).toBeEnabled();
      s.data.quantity = Number(await input.inputValue()) + 1;
      await page.getByTestId('cart-line').locator('button.stepper__button').last().click();
    },
    // The asked-for quantity, confirmed by the backend (no longer "updating").
    ready: (page, s) => async () =>
      (await page.getByTestId('cart-line').locator('input.stepper__input').inputValue()) === String(s.data.quantity) &&
      (await page.getByText(s.t('cart.updating')).count()) === 0,
  },
  {
    name: 'cart: remove an item',
    method: 'DELETE', path: /^\/api\/carts\/[^/]+\/lines\/[^/]+$/, kind: 'action',
    open: async (page) => {
      await seedStorage(page, { 'vitrina.cart_id': await newCart(page.request, [['ceramic-mug-1', 1]]) });
      await page.goto('/cart');
    },
    act: async (page) => {
      await page.getByTestId('cart-line').locator('.cart-line__remove').click();
    },
    ready: (page, s) => page.getByText(s.t('cart.empty')),
  },
  {
    name: 'checkout: quote, on the delivery step',
    method: 'POST', path: /^\/api\/checkout\/quote$/, kind: 'load',
    open: async (page) => {
      await openCheckout(page, 'delivery');
      await page.locator('#city').fill(address.city);
      await page.locator('#region').fill(address.region);
      // The app asks again whenever the typed place settles, so on a busy machine a quote for the
      // half-typed place may go first. The case is the quote for the whole place: a later answer
      // would replace whatever the first one showed while the next fault is already armed.
      const whole = page.waitForRequest((r) => {
        if (!r.url().endsWith('/api/checkout/quote')) return false;
        const sent = r.postDataJSON()?.address;
        return sent?.postcode === address.postcode && sent?.region === address.region && sent?.city === address.city;
      });
      await page.locator('#postcode').fill(address.postcode);
      await whole;
    },
    ready: (page) => page.getByTestId('delivery-option'),
    kept: async (page) => {
      await expect(page.locator('#city')).toHaveValue(address.city);
      await expect(page.locator('#region')).toHaveValue(address.region);
      await expect(page.locator('#postcode')).toHaveValue(address.postcode);
    },
  },
  {
    name: 'checkout: place the order',
    method: 'POST', path: /^\/api\/orders$/, kind: 'action',
    fieldErrors: [{ field: 'contact.email', code: 'invalid_email' }],
    words: { 'HTTP 429': ['review.too_many_orders.'] },
    open: async (page) => {
      await openCheckout(page, 'review');
      await expect(page.getByTestId('review-contact')).toBeVisible();
    },
    act: async (page) => {
      await tickConsents(page);
      await expect(page.getByTestId('place-order')).toHaveAttribute('aria-disabled', 'false');
      await page.getByTestId('place-order').click();
    },
    ready: (page) => page.getByTestId('order-status'),
    kept: async (page) => {
      await consentsKept(page);
      await expect(page.getByTestId('review-contact')).toContainText(shopper.email);
    },
  },
  {
    name: 'checkout: quote, on the payment step',
    method: 'POST', path: /^\/api\/checkout\/quote$/, kind: 'load',
    open: async (page) => { await openCheckout(page, 'payment'); },
    ready: (page) => page.getByTestId('payment-method'),
  },
  {
    name: 'checkout: quote, on the review step',
    method: 'POST', path: /^\/api\/checkout\/quote$/, kind: 'load',
    open: async (page) => {
      await openCheckout(page, 'review');
      await tickConsents(page);
    },
    ready: (page) => page.getByTestId('review-contact'),
    kept: consentsKept,
  },
  {
    name: 'checkout: the cart, on the review step',
    method: 'GET', path: /^\/api\/carts\/[^/]+$/, kind: 'load',
    open: async (page) => {
      await openCheckout(page, 'review');
      await tickConsents(page);
    },
    ready: (page) => page.getByTestId('review-contact'),
    kept: consentsKept,
  },
  {
    name: 'order: view',
    method: 'GET', path: /^\/api\/orders\/\d+\?/, kind: 'load',
    words: { 'HTTP 404': ['order.not_found'] },
    open: async (page) => { await page.goto((await placeOrder(page.request)).url); },
    ready: (page) => page.getByTestId('order-status'),
  },
  {
    name: 'order: its shipments, on the order page',
    method: 'GET', path: /^\/api\/shipments\?order=/, kind: 'load',
    open: async (page, s) => {
      if (!s.data.order) {
        s.data.order = await placeOrder(page.request);
        // Handing the order to the carrier creates its shipment.
        const r = await page.request.post(`/api/test/orders/${s.data.order.number}/status`, { data: { status: 'handed_to_carrier' } });
        expect(r.status()).toBe(204);
      }
      await page.goto(s.data.order.url);
    },
    ready: (page) => page.getByTestId('order-shipment'),
  },
  {
    name: 'order: lookup',
    method: 'POST', path: /^\/api\/orders\/lookup$/, kind: 'action',
    words: { 'HTTP 404': ['lookup.not_found'] },
    open: async (page, s) => {
      s.data.order = await placeOrder(page.request);
      await page.goto('/orders/lookup');
      await page.locator('#order-number').fill(s.data.order.number);
      await page.locator('#order-email').fill(shopper.email);
    },
    act: async (page) => { await page.locator('main form button[type=submit]').click(); },
    ready: (page) => page.getByTestId('order-status'),
    kept: async (page, s) => {
      await expect(page.locator('#order-number')).toHaveValue(s.data.order.number);
      await expect(page.locator('#order-email')).toHaveValue(shopper.email);
    },
  },
  {
    name: 'order: cancel',
    method: 'POST', path: /^\/api\/orders\/\d+\/cancellation$/, kind: 'action',
    open: async (page) => { await page.goto((await placeOrder(page.request)).url); },
    act: async (page, s) => {
      const yes = page.getByRole('button', { name: s.t('order.cancel_yes') });
      if (!(await yes.isVisible())) await page.getByRole('button', { name: s.t('order.cancel'), exact: true }).click();
      await yes.click();
    },
    ready: (page) => page.getByTestId('cancel-reason'),
  },
  {
    name: 'order: pay by card',
    method: 'POST', path: /^\/api\/orders\/\d+\/payments$/, kind: 'action',
    // A payment link that is not a web address is refused, in words.
    outcomes: { 'strings carrying HTML and script': 'either' },
    open: async (page, s) => {
      s.data.order ??= await placeOrder(page.request, 'card-online');
      await page.goto(s.data.order.url);
    },
    act: async (page, s) => { await page.getByRole('button', { name: s.t('order.pay_now') }).click(); },
    ready: (page) => page.locator('button.approve'),
  },
  {
    name: 'tracking: a shipment',
    method: 'GET', path: /^\/api\/shipments\/PX1000000001$/, kind: 'load',
    open: async (page) => { await page.goto('/track/PX1000000001'); },
    ready: (page) => page.getByTestId('shipment-state'),
  },
  {
    name: 'tracking: checking a shown shipment again',
    method: 'GET', path: /^\/api\/shipments\/PX1000000001$/, kind: 'action',
    open: async (page) => {
      await page.goto('/track/PX1000000001');
      await expect(page.getByTestId('shipment-state')).toBeVisible();
    },
    act: async (page) => { await page.getByTestId('refresh-status').getByRole('button').click(); },
    // The journey stays on screen; only the line about checking for news changes.
    ready: (page) => async () =>
      (await page.getByTestId('shipment-state').isVisible()) && (await page.locator('.refresh-status__error').count()) === 0,
  },
  {
    name: 'tracking: the seller’s card, on the tracking page',
    method: 'GET', path: /^\/api\/sellers\/demo-seller\/contact$/, kind: 'load',
    open: async (page) => { await page.goto('/track/PX1000000001'); },
    ready: (page) => page.getByTestId('contact-compact').getByTestId('contact-card'),
  },
  {
    name: "tracking: an order's shipments",
    method: 'GET', path: /^\/api\/shipments\?order=/, kind: 'load',
    open: async (page) => { await page.goto('/track?order=DEMO-1001'); },
    ready: (page) => page.getByTestId('order-shipment'),
  },
  {
    name: 'contact: the seller’s contact widget',
    method: 'GET', path: /^\/api\/sellers\/demo-seller\/contact$/, kind: 'load',
    open: async (page) => { await page.goto('/sellers/demo-seller/contact'); },
    ready: (page) => page.getByTestId('contact-card'),
  },
  {
    name: 'contact: send a message',
    method: 'POST', path: /^\/api\/sellers\/demo-seller\/messages$/, kind: 'action',
    fieldErrors: [{ field: 'message', code: 'required' }],
    words: { 'HTTP 429': ['contact.form.rate_limited.'] },
    open: async (page, s) => {
      s.data.replyTo = `faults-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
      await page.goto('/sellers/demo-seller/contact');
      await page.locator('#contact-subject').fill('Delivery to Košice');
      await page.locator('#contact-message').fill('Do you ship the linen shirt to Košice?');
      await page.locator('#contact-reply-to').fill(s.data.replyTo);
    },
    act: async (page) => { await page.locator('#contact-form form button[type=submit]').click(); },
    ready: (page) => page.getByTestId('contact-receipt'),
    kept: async (page, s) => {
      await expect(page.locator('#contact-subject')).toHaveValue('Delivery to Košice');
      await expect(page.locator('#contact-message')).toHaveValue('Do you ship the linen shirt to Košice?');
      await expect(page.locator('#contact-reply-to')).toHaveValue(s.data.replyTo);
    },
  },
  {
    name: 'contact: the seller’s settings',
    method: 'GET', path: /^\/api\/sellers\/demo-seller\/contact-settings$/, kind: 'load',
    open: async (page) => {
      await signIn(page.request);
      await page.goto('/seller/contact');
    },
    ready: (page) => page.locator('#cs-identity-nickname'),
  },
  {
    name: 'contact: save the seller’s settings',
    method: 'PUT', path: /^\/api\/sellers\/demo-seller\/contact-settings$/, kind: 'action',
    fieldErrors: [{ field: 'identity.nickname', code: 'too_long' }],
    open: async (page) => {
      await signIn(page.request);
      await page.goto('/seller/contact');
      await page.locator('#cs-identity-nickname').fill('Marek from Bratislava');
    },
    act: async (page) => { await page.locator('.editor__actions button[type=submit]').click(); },
    ready: (page, s) => page.getByText(s.t('editor.saved')),
    kept: async (page) => {
      await expect(page.locator('#cs-identity-nickname')).toHaveValue('Marek from Bratislava');
    },
  },
  {
    name: 'account: who is signed in',
    method: 'GET', path: /^\/api\/session$/, kind: 'load',
    open: async (page) => {
      await signIn(page.request);
      await page.goto('/seller/contact');
    },
    ready: (page) => page.locator('#cs-identity-nickname'),
  },
  {
    name: 'account: sign in',
    method: 'POST', path: /^\/api\/session$/, kind: 'action',
    fieldErrors: [{ field: 'email', code: 'invalid_email' }],
    open: async (page) => {
      await page.request.delete('/api/session');
      await page.goto('/sign-in');
      await page.locator('#sign-in-email').fill('shopper@example.com');
      await page.locator('#sign-in-password').fill('demo');
    },
    act: async (page) => { await page.locator('main form button[type=submit]').click(); },
    // Signed in, and arrived where sign-in leads (the shop's page, loaded in full).
    ready: (page) => async () =>
      new URL(page.url()).pathname === '/' && (await page.locator('.account-nav__name').isVisible()) && (await page.locator('h1').isVisible()),
    kept: async (page) => {
      await expect(page.locator('#sign-in-email')).toHaveValue('shopper@example.com');
      await expect(page.locator('#sign-in-password')).toHaveValue('demo');
    },
  },
  {
    name: 'account: sign out',
    method: 'DELETE', path: /^\/api\/session$/, kind: 'action',
    open: async (page) => {
      // An account of its own: sign-ins per address are limited.
      await signIn(page.request, 'new@example.com');
      await page.goto('/track');
      await expect(page.locator('.account-nav__name')).toBeVisible();
    },
    act: async (page) => { await page.locator('.account-nav__out').click(); },
    ready: (page) => page.locator('.account-nav a'),
  },
];

calls.forEach((call, i) => {
  const lang = LANGS[i % LANGS.length];
  test(`${call.name} (${lang}): every fault explained, nothing typed lost, nothing run, retry works`, async ({ page, consoleErrors }, testInfo) => {
    await runFaults(page, call, lang, consoleErrors, testInfo);
  });
});
