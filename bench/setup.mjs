// The demo data the benchmark measures against, made through the backend's API.
const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:8080';

export async function api(path, body, headers = {}) {
  const r = await fetch(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.status === 204 ? null : r.json();
}

/** A placed order (for the order page) and the checkout entries that made it. */
export async function demoOrder() {
  const cart = await api('/api/carts', {});
  await api(`/api/carts/${cart.id}/lines`, { variant_id: 'desk-lamp-1', quantity: 1 });
  const draft = {
    cart_id: cart.id,
    contact: { email: 'anna@example.com', phone: '+7 912 345-67-89', name: 'Анна Петрова' },
    address: { country: 'RU', city: 'Москва', line: 'ул. Ленина, д. 5, кв. 12', postcode: '101000', region: 'Москва' },
    payment_method: 'cash-on-delivery',
  };
  let quote = await api('/api/checkout/quote', draft);
  draft.delivery = { option_id: 'courier', date: quote.delivery_options[0].dates[0], time_window_id: 'morning' };
  quote = await api('/api/checkout/quote', draft);
  const placed = await api('/api/orders', { draft, consents: { terms_version: quote.terms_version, personal_data: true }, expected_total: quote.totals.total },
    { 'Idempotency-Key': `bench-${Date.now()}` });
  return `/orders/${placed.number}?token=${placed.access_token}`;
}

/** What a shopper arriving at the checkout has: a cart with something in it (its id, as the
 * app keeps it in local storage). Without one the checkout sends the browser on to the cart. */
export async function shopperCart() {
  const cart = await api('/api/carts', {});
  await api(`/api/carts/${cart.id}/lines`, { variant_id: 'desk-lamp-1', quantity: 1 });
  return { 'vitrina.cart_id': cart.id };
}

/** A cart ready for review, as the checkout keeps it: [cart id, session entries]. */
export async function reviewReadyCart() {
  const cart = await api('/api/carts', {});
  await api(`/api/carts/${cart.id}/lines`, { variant_id: 'wall-clock-1', quantity: 1 });
  const quote = await api('/api/checkout/quote', { cart_id: cart.id, address: { country: 'RU', city: 'Москва', line: 'ул. Ленина, 5', postcode: '101000', region: 'Москва' } });
  const entries = {
    email: 'anna@example.com', phone: '+7 912 345-67-89', name: 'Анна Петрова', country: 'RU', city: 'Москва',
    line: 'ул. Ленина, 5', postcode: '101000', region: 'Москва', delivery_option: 'courier', delivery_date: quote.delivery_options[0].dates[0],
    time_window: 'morning', payment_method: 'cash-on-delivery', accept_terms: true, personal_data: true,
  };
  return [cart.id, JSON.stringify(entries)];
}
