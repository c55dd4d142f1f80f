import { test, expect, expectNoAxeViolations, loseFirstAnswer } from './fixtures';
import { placeOrder, setStatus } from './orders';

test('the order page shows every fact of the order, and a reload keeps it', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  const main = page.locator('main');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.number}`);
  await expect(page.getByTestId('order-thanks')).toHaveText('Thank you, Анна Петрова!');
  await expect(page.getByTestId('order-email')).toHaveText('We have sent the confirmation to anna@example.com.');
  const shirt = page.getByTestId('order-line').filter({ hasText: 'Linen shirt' });
  await expect(shirt.locator('img')).toHaveAttribute('src', /\/api\/images\/linen-shirt\.svg$/);
  await expect(shirt).toContainText('M · White');
  await expect(shirt).toContainText('SKU LISH-002');
  await expect(shirt).toContainText('2 pcs × RUB 3,490.00');
  await expect(shirt).toContainText('RUB 6,980.00');
  await expect(page.getByTestId('totals-items')).toHaveText('RUB 7,770.00');
  await expect(page.getByTestId('totals-delivery')).toHaveText('RUB 390.00');
  await expect(page.getByTestId('totals-discount')).toHaveText('-RUB 777.00');
  await expect(main.getByText('Promo code WELCOME10')).toBeVisible();
  await expect(main.getByText('Including VAT 20%')).toBeVisible();
  await expect(main.getByText('Total charged')).toBeVisible();
  await expect(page.getByTestId('totals-total')).toHaveText('RUB 7,383.00');
  await expect(page.getByTestId('payment-method')).toHaveText('Cash on delivery');
  await expect(page.getByTestId('payment-status')).toContainText('Pay when you receive the parcel.');
  await expect(page.getByTestId('delivery-address')).toContainText('ул. Ленина, д. 5, кв. 12');
  await expect(page.getByTestId('delivery-address')).toContainText('101000 Москва');
  await expect(page.getByTestId('billing-address')).toContainText('Анна Петрова');
  await expect(page.getByTestId('billing-address')).toContainText('ул. Ленина, д. 5, кв. 12');
  await expect(page.getByTestId('recipient')).toContainText('Иван Петров');
  await expect(page.getByTestId('recipient')).toContainText('+79120000001');
  const delivery = page.getByTestId('order-delivery');
  await expect(delivery).toContainText('Pony Express');
  await expect(delivery).toContainText('Courier to your door');
  await expect(delivery).toContainText('Expected dispatch');
  await expect(delivery).toContainText('Expected delivery');
  await expect(delivery).toContainText('18:00–22:00');
  await expect(page.getByTestId('order-status')).toContainText('Placed');
  await expect(page.getByTestId('order-history')).toContainText('Placed');
  await expect(page.getByTestId('waiting-for-seller')).toContainText('Waiting for the seller to confirm');
  await expect(page.getByTestId('waiting-for-seller')).toContainText('It usually takes up to 2 hours.');
  await expect(page.getByTestId('next-steps')).toContainText('The seller checks that everything is in stock');
  await expect(main.getByText('The tracking link appears here once the seller hands the parcel to the carrier.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Write to Severny Veter Home & Apparel about this order' }))
    .toHaveAttribute('href', `/sellers/demo-seller/contact?order=${order.number}`);
  // The seller's card is the contact page's, one link away: the order page does not carry its code.
  await expect(page.getByTestId('contact-compact')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request cancellation' })).toBeEnabled();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.number}`);
  await expect(page.getByTestId('totals-total')).toHaveText('RUB 7,383.00');
});

test('after a switch of language the order says what the store words in the new one, without the page being made anew', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  await expect(page.getByTestId('payment-method')).toHaveText('Cash on delivery');
  // A mark on the page's heading: the same element after the switch, not a page made anew.
  await page.getByRole('heading', { level: 1 }).evaluate((h) => { h.dataset.before = 'switch'; });
  await page.locator('.language__select').selectOption('ru');
  await expect(page.getByTestId('payment-method')).toHaveText('Наличными при получении');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Заказ ${order.number}`);
  await expect(page.locator('h1[data-before="switch"]')).toHaveCount(1);
  await expect(page.locator('.loading')).toHaveCount(0);
});

test('the seller confirming shows in the history, and the parcel\'s tracking appears once handed over', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  await expect(page.getByTestId('waiting-for-seller')).toBeVisible();
  await setStatus(request, order.number, 'sent_to_seller');
  await setStatus(request, order.number, 'confirmed_by_seller');
  await page.reload();
  await expect(page.getByTestId('order-status')).toContainText('Confirmed by the seller');
  await expect(page.getByTestId('order-history')).toContainText('Confirmed by the seller');
  await expect(page.getByTestId('waiting-for-seller')).toHaveCount(0);
  await expect(page.getByTestId('next-steps')).toContainText('is packing it');
  await setStatus(request, order.number, 'handed_to_carrier');
  await page.reload();
  // The store's shipment number is random (not derived from the order's), so it is read off the link.
  const link = page.getByRole('link', { name: /^Track parcel PX[0-9A-Z]+ \(Pony Express\)$/ });
  const tracking = /PX[0-9A-Z]+/.exec((await link.textContent()) ?? '')![0];
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/track/${tracking}$`));
  await expect(page.getByText('Отправление поступило на терминал').first()).toBeVisible();
});

test('a cancellation before handover cancels the order and shows in the history', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  await page.getByRole('button', { name: 'Request cancellation' }).click();
  await expect(page.getByText('Cancel this order? Any payment goes back')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.getByTestId('order-status')).toContainText('Cancelled');
  await expect(page.getByTestId('order-history')).toContainText('Cancellation requested');
  await expect(page.getByTestId('cancel-reason')).toHaveText('This order is cancelled.');
});

test('an order that could not be loaded, tried again, comes with the focus on its heading', async ({ page, request }) => {
  const order = await placeOrder(request);
  let failing = true;
  await page.route(/\/api\/orders\/[^/?]+\?token=/, (route) =>
    failing && route.request().method() === 'GET' ? route.fulfill({ status: 500, body: '' }) : route.fallback());
  await page.goto(order.url);
  const retry = page.getByRole('button', { name: 'Try again' });
  await expect(retry).toBeVisible();
  // Loaded by the browser: the focus is still at the top of the document.
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();
  failing = false;
  await retry.click();
  await expect(page.getByTestId('order-email')).toBeVisible();
  // The button pressed went with the error: the focus is on the order's heading, not lost.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('a cancellation whose answer was lost is carried out once when the shopper presses again', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  // The first request reaches the store and is carried out; its answer never comes back.
  const keys = await loseFirstAnswer(page, /\/api\/orders\/[^/]+\/cancellation$/);
  await page.getByRole('button', { name: 'Request cancellation' }).click();
  const yes = page.getByRole('button', { name: 'Yes, cancel the order' });
  await yes.click();
  await expect(page.getByText('We could not reach the store.').first()).toBeVisible();
  await expect(page.getByTestId('order-status')).not.toContainText('Cancelled');
  await yes.click();
  await expect(page.getByTestId('order-status')).toContainText('Cancelled');
  await expect(page.getByTestId('cancel-reason')).toHaveText('This order is cancelled.');
  await expect(page.getByTestId('order-history').getByText('Cancellation requested')).toHaveCount(1);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1], 'the retry repeats the request\'s key').toBe(keys[0]);
});

test('eight days after receipt a cancellation is refused, and the button says why', async ({ page, request }) => {
  const order = await placeOrder(request);
  await setStatus(request, order.number, 'received', 8);
  await page.goto(order.url);
  await expect(page.getByRole('button', { name: 'Request cancellation' })).toBeDisabled();
  await expect(page.getByTestId('cancel-reason')).toHaveText(/^The time to cancel or return this order here ran out on [A-Z][a-z]{2} \d{1,2}, 2026, \d{1,2}:\d{2}\s[AP]M\. If something is wrong, contact the seller\.$/);
  const api = await request.post(`/api/orders/${order.number}/cancellation`, { data: { access_token: order.token } });
  expect(api.status()).toBe(409);
});

test('six days after receipt the shopper may still ask to return it', async ({ page, request }) => {
  const order = await placeOrder(request);
  await setStatus(request, order.number, 'received', 6);
  await page.goto(order.url);
  await expect(page.getByTestId('next-steps')).toContainText('you can ask to return it until');
  await expect(page.getByRole('button', { name: 'Ask to return everything' })).toBeEnabled();
});

test('guest lookup: the right pair opens the order; a wrong pair and an unknown number give the same message', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto('/orders/lookup');
  await page.getByLabel('Order number').fill('999999');
  await page.getByLabel('Email used for the order').fill('anna@example.com');
  await page.getByRole('button', { name: 'Find my order' }).click();
  const message = page.getByRole('alert').filter({ hasText: 'We could not find an order with this number and email.' });
  await expect(message).toBeVisible();
  const unknownText = await message.textContent();
  await page.getByLabel('Order number').fill(order.number);
  await page.getByLabel('Email used for the order').fill('someone.else@example.com');
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expect(message).toHaveText(unknownText!);
  await page.getByLabel('Email used for the order').fill('Anna@Example.com');
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.number}`);
});

test('a malformed order number is caught at the field', async ({ page }) => {
  await page.goto('/orders/lookup');
  await page.getByLabel('Order number').fill('abc');
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expect(page.getByText('This is not one of this store\'s order numbers.').first()).toBeVisible();
  await expect(page.getByLabel('Order number')).toHaveAttribute('aria-invalid', 'true');
});

test('the order URL without its token, or with a wrong one, shows not-found', async ({ page, request }) => {
  const order = await placeOrder(request);
  for (const url of [`/orders/${order.number}`, `/orders/${order.number}?token=guess`]) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: 'Order not found' })).toBeVisible();
    await expect(page.getByText('Anna')).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Find an order by number and email' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find your order' })).toBeVisible();
});

test('the print view hides navigation and keeps every fact', async ({ page, request }) => {
  const order = await placeOrder(request, 'cash-on-delivery', 'pickup-point');
  await page.goto(order.url);
  await expect(page.getByTestId('order-pickup')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.site-header')).toBeHidden();
  await expect(page.locator('footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('totals-total')).toBeVisible();
  await expect(page.getByTestId('order-pickup')).toContainText('Tverskaya');
  await expect(page.getByTestId('order-pickup')).toContainText('do not share it');
  await expect(page.getByTestId('delivery-address')).toBeVisible();
});

test('on a 360 px phone the order page needs no sideways scrolling', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(order.url);
  await expect(page.getByTestId('totals-total')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the order page and the lookup have no accessibility violations', async ({ page, request }) => {
  const order = await placeOrder(request, 'card-online');
  await page.goto(order.url);
  await expect(page.getByTestId('payment-status')).toContainText('Awaiting payment');
  await expectNoAxeViolations(page);
  await page.goto('/orders/lookup');
  await page.getByRole('button', { name: 'Find my order' }).click();
  await expectNoAxeViolations(page);
});
