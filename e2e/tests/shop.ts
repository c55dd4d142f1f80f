import { expect, type Page, type APIRequestContext } from '@playwright/test';

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

export const shopper = {
  email: 'anna@example.com',
  phone: '+7 912 345-67-89',
  name: 'Анна Петрова',
  city: 'Москва',
  line: 'ул. Ленина, д. 5, кв. 12',
  region: 'Москва',
  postcode: '101000',
};

export async function fillContact(page: Page, who = shopper) {
  await page.goto('/checkout/contact');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Phone', { exact: true }).fill(who.phone);
  await page.getByLabel('Full name', { exact: true }).fill(who.name);
  await page.getByRole('button', { name: 'Continue to delivery' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery' })).toBeVisible();
}

/** Where to: the city, the oblast and the postcode (the street is asked for once a courier is
 * chosen). */
export async function fillAddress(page: Page, who = shopper) {
  await page.getByLabel('City or town').fill(who.city);
  await page.getByLabel('Region (oblast)').fill(who.region);
  await page.getByLabel('Postcode').fill(who.postcode);
}

/** Chooses the courier, gives the street, and takes the first day and the given window. */
export async function chooseCourier(page: Page, window = '09:00–13:00', who = shopper) {
  await page.getByLabel(/Courier to your door/).check();
  await page.getByLabel('Street, house and flat').fill(who.line);
  await page.getByLabel(window).check();
}

export async function continueToPayment(page: Page) {
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment' })).toBeVisible();
}

export async function choosePayment(page: Page, label: string | RegExp) {
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Review the order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review your order' })).toBeVisible();
}

export async function acceptConsents(page: Page) {
  await page.getByLabel('I accept the offer and the terms of sale and delivery').check();
  await page.getByLabel('I consent to the processing of my personal data to fulfil this order').check();
}

/** From a filled cart to the review step with a courier and the given payment. */
export async function toReview(page: Page, payment: string | RegExp = 'Cash on delivery') {
  await fillContact(page);
  await fillAddress(page);
  await chooseCourier(page);
  await continueToPayment(page);
  await choosePayment(page, payment);
}

export async function placeOrder(page: Page) {
  await acceptConsents(page);
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
