import { expect, type APIRequestContext } from '@playwright/test';

/** What an order is placed with through the API (as the checkout would place it). */
export interface NewOrder {
  items?: [string, number][];
  payment?: string;
  delivery?: 'courier' | 'pickup-point' | 'parcel-locker' | 'seller-shop';
  promo?: string | null;
  note?: string;
  recipient?: boolean;
  /** The language the app would send with the order (the store writes its e-mails in it). */
  locale?: string;
  /** Who orders and where to, as the draft has them (the Russian store's Anna in Moscow unless told). */
  contact?: { email: string; phone: string; name: string };
  address?: { country: string; city: string; line: string; postcode: string; region?: string };
}

/** Places an order through the API, as the checkout would: its number, token, page and the
 * payment page the backend named (for a card). */
export async function placeOrder(request: APIRequestContext, order: NewOrder | string = {}, delivery?: NewOrder['delivery']) {
  const o: NewOrder = typeof order === 'string' ? { payment: order, delivery } : order;
  const cart = await (await request.post('/api/carts')).json();
  for (const [variant_id, quantity] of o.items ?? [['linen-shirt-2', 2], ['ceramic-mug-1', 1]]) {
    await restock(request, variant_id);
    const r = await request.post(`/api/carts/${cart.id}/lines`, { data: { variant_id, quantity } });
    expect(r.ok(), `add ${variant_id}`).toBeTruthy();
  }
  const draft: any = {
    cart_id: cart.id,
    contact: o.contact ?? { email: 'anna@example.com', phone: '+7 912 345-67-89', name: 'Анна Петрова' },
    address: o.address ?? { country: 'RU', city: 'Москва', line: 'ул. Ленина, д. 5, кв. 12', postcode: '101000', region: 'Москва' },
    payment_method: o.payment ?? 'cash-on-delivery',
  };
  if (o.recipient ?? true) draft.recipient = { name: 'Иван Петров', phone: '+7 912 000-00-01' };
  const promo = o.promo === undefined ? 'WELCOME10' : o.promo;
  if (promo) draft.promo_code = promo;
  let quote = await (await request.post('/api/checkout/quote', { data: draft })).json();
  const kind = o.delivery ?? 'courier';
  const option = quote.delivery_options.find((x: any) => x.id === kind);
  draft.delivery = kind === 'courier'
    ? { option_id: 'courier', date: option.dates[0], time_window_id: 'evening', ...(o.note ? { note: o.note } : {}) }
    : { option_id: kind, pickup_point_id: option.pickup_points[0].id };
  quote = await (await request.post('/api/checkout/quote', { data: draft })).json();
  const response = await request.post('/api/orders', {
    headers: { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
    data: {
      draft,
      consents: { terms_version: quote.terms_version, personal_data: true },
      expected_total: quote.totals.total,
      ...(o.locale ? { locale: o.locale } : {}),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const placed = await response.json();
  return {
    number: placed.number as string,
    token: placed.access_token as string,
    url: `/orders/${placed.number}?token=${placed.access_token}`,
    gateway: placed.payment.redirect_url as string | undefined,
  };
}

/** Moves an order along as the seller or the carrier would; the hook's status code. */
export async function moveOrder(request: APIRequestContext, number: string, status: string, days_ago?: number) {
  return (await request.post(`/api/test/orders/${number}/status`, { data: { status, days_ago } })).status();
}

export async function setStatus(request: APIRequestContext, number: string, status: string, days_ago?: number) {
  expect(await moveOrder(request, number, status, days_ago)).toBe(204);
}

/** Sets the server's clock; the backend applies the deadlines passed by then. */
export async function setClock(request: APIRequestContext, now: string) {
  expect((await request.post('/api/test/clock', { data: { now } })).status()).toBe(204);
}

/** The demo seller proposes a substitute (a variant id) or removal (none) for a line. */
export async function proposeSubstitution(request: APIRequestContext, number: string, line: string, variant_id?: string) {
  const r = await request.post(`/api/test/orders/${number}/lines/${line}/substitution`, { data: variant_id ? { variant_id } : {} });
  expect(r.status(), await r.text()).toBe(201);
}

/** How many of a variant the catalog has. */
export async function stock(request: APIRequestContext, product: string, variant: string): Promise<number> {
  const p = await (await request.get(`/api/products/${product}`)).json();
  return p.variants.find((v: any) => v.id === variant).available;
}

/** Tops a variant's stock up when the suites before have nearly sold it out (each suite buys the
 * demo store's shirts many times over); a stock still ample is left as it is. */
export async function restock(request: APIRequestContext, variant: string) {
  const product = variant.replace(/-\d+$/, '');
  if ((await stock(request, product, variant)) < 10) {
    expect((await request.post('/api/test/stock', { data: { variant_id: variant, stock: 50 } })).status()).toBe(204);
  }
}
