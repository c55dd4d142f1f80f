import { expect, type Page, type APIRequestContext } from '@playwright/test';
import { escapeRegExp, t, type Lang } from './words';

/** A cart on the backend with these variants, made the browser's cart. */
export async function useCart(page: Page, items: [string, number][]) {
  const cart = await (await page.request.post('/api/carts')).json();
  for (const [variant_id, quantity] of items) {
    const r = await page.request.post(`/api/carts/${cart.id}/lines`, { data: { variant_id, quantity } });
    expect(r.ok(), `add ${variant_id}`).toBeTruthy();
  }
  await page.goto('/');
  await page.evaluate((id) => { localStorage.setItem('vitrina.cart_id', id); sessionStorage.clear(); }, cart.id);
  return cart.id as string;
}

/** Who checks out, and where to. A country is chosen only when it is given (else the store's
 * default stays); a region is filled only where the country's form asks for one. */
export interface Shopper {
  email: string;
  phone: string;
  name: string;
  city: string;
  line: string;
  postcode: string;
  region?: string;
  country?: string;
}

export const shopper: Shopper = {
  email: 'anna@example.com',
  phone: '+7 912 345-67-89',
  name: 'Анна Петрова',
  city: 'Москва',
  line: 'ул. Ленина, д. 5, кв. 12',
  region: 'Москва',
  postcode: '101000',
};

/** The contact step, filled; the helpers below read the page in `lang` (English unless told). */
export async function fillContact(page: Page, who: Shopper = shopper, lang: Lang = 'en') {
  await page.goto('/checkout/contact');
  await page.getByLabel(t(lang, 'checkout.contact.email'), { exact: true }).fill(who.email);
  await page.getByLabel(t(lang, 'checkout.contact.phone'), { exact: true }).fill(who.phone);
  await page.getByLabel(t(lang, 'checkout.contact.name'), { exact: true }).fill(who.name);
  await page.getByRole('button', { name: t(lang, 'checkout.contact.continue') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'checkout.delivery.title') })).toBeVisible();
}

/** Where to: the country if given, the city, the oblast and the postcode (the street is asked
 * for once a courier is chosen). */
export async function fillAddress(page: Page, who: Shopper = shopper, lang: Lang = 'en') {
  if (who.country) await page.getByLabel(t(lang, 'delivery.country')).selectOption(who.country);
  await page.getByLabel(t(lang, 'delivery.city')).fill(who.city);
  if (who.region) await page.getByLabel(t(lang, 'address.region.oblast')).fill(who.region);
  await page.getByLabel(t(lang, 'delivery.postcode')).fill(who.postcode);
}

/** Chooses the courier, gives the street, and takes the first day and the given window. */
export async function chooseCourier(page: Page, window = '09:00–13:00', who: Shopper = shopper, lang: Lang = 'en') {
  await page.getByLabel(new RegExp(escapeRegExp(t(lang, 'delivery.kind.courier')))).check();
  await page.getByLabel(t(lang, 'delivery.line')).fill(who.line);
  await page.getByLabel(window).check();
}

export async function continueToPayment(page: Page, lang: Lang = 'en') {
  await page.getByRole('button', { name: t(lang, 'checkout.delivery.continue') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'checkout.payment.title') })).toBeVisible();
}

export async function choosePayment(page: Page, label: string | RegExp, lang: Lang = 'en') {
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: t(lang, 'checkout.payment.continue') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'checkout.review.title') })).toBeVisible();
}

export async function acceptConsents(page: Page, lang: Lang = 'en') {
  await page.getByLabel(t(lang, 'review.accept_terms')).check();
  await page.getByLabel(t(lang, 'review.personal_data')).check();
}

/** From a filled cart to the review step with a courier and the given payment. */
export async function toReview(page: Page, payment: string | RegExp = 'Cash on delivery', who: Shopper = shopper, lang: Lang = 'en') {
  await fillContact(page, who, lang);
  await fillAddress(page, who, lang);
  await chooseCourier(page, '09:00–13:00', who, lang);
  await continueToPayment(page, lang);
  await choosePayment(page, payment, lang);
}

export async function placeOrder(page: Page, lang: Lang = 'en') {
  await acceptConsents(page, lang);
  const button = page.getByTestId('place-order');
  await expect(button).toHaveAttribute('aria-disabled', 'false');
  await button.click();
}

/** The orders placed from a cart: [number, payment status]. */
export async function orders(request: APIRequestContext, cartId: string): Promise<[number, string][]> {
  const all: [number, string, string][] = await (await request.get('/api/test/orders')).json();
  return all.filter(([, , cart]) => cart === cartId).map(([n, s]) => [n, s]);
}

/** Text with Intl's narrow and non-breaking spaces made plain. */
export function plain(text: string | null) {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

/** Makes the page's CPU `rate` times slower (Chrome DevTools Protocol), as on a slow phone or a
 * loaded machine: a re-render or a late answer that races the shopper shows up here. */
export async function slowCpu(page: Page, rate = 6) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
