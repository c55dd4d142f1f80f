/**
 * An order after it is placed, as the shopper meets it on its page: cancelling single items
 * while the parcel is on its way, a return on day 7 and not on day 8, an unpaid card order that
 * expires, a cancelled order the bank refuses, the seller's substitutions accepted, declined and
 * left to lapse, and the facts of collecting and handing over; and the e-mail each of those
 * steps sends, read from the server's outbox. These tests move the server's clock, so they run
 * one at a time and never beside the other suites (playwright.config.ts).
 */
import { test, expect, expectNoAxeViolations } from './fixtures';
import { moveOrder, placeOrder, proposeSubstitution, restock, setClock, setStatus, stock } from './orders';
import { orderEmail, orderEmails } from './outbox';

test('a shirt cancelled while the courier has the parcel: the totals, the refund and the history show it', async ({ page, request }) => {
  const order = await placeOrder(request, { payment: 'card-online' });
  // Pay at the bank, as the shopper would.
  await page.goto(order.gateway!);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.number}`);
  await expect(page.getByTestId('payment-status')).toContainText('Paid');
  await setStatus(request, order.number, 'handed_to_carrier');
  await setStatus(request, order.number, 'with_courier');
  await page.reload();
  await expect(page.getByTestId('cancel-carrier')).toHaveText(/already with the carrier: it will be told to bring back what you cancel/);
  await expect(page.getByTestId('cancel-fee')).toHaveText(/delivery fee is not refunded: the carrier is already carrying the parcel/);
  // The parcel's progress is in: the cancellation below updates the order in place, without
  // making it anew (“Loading…” where it was) or asking for it again.
  await expect(page.getByTestId('order-shipment').first()).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  const askedAgain: string[] = [];
  page.on('request', (r) => { if (/^\/api\/(shipments|sellers\/)/.test(new URL(r.url()).pathname)) askedAgain.push(r.url()); });
  await page.getByRole('button', { name: 'Cancel some items' }).click();
  await page.getByLabel('Linen shirt, M · White').selectOption('1');
  await page.getByRole('button', { name: 'Cancel the chosen items' }).click();
  await expect(page.getByTestId('cancel-done')).toHaveText(/Done: the order below shows what is cancelled/);
  await expect(page.locator('main .loading')).toHaveCount(0);
  expect(askedAgain, 'the parcels not asked for again, the seller’s card not asked for at all').toEqual([]);
  // Items 4 280.00, WELCOME10 −428.00, delivery 390.00: 4 242.00; 3 141.00 back to the card.
  await expect(page.getByTestId('totals-items')).toHaveText('RUB 4,280.00');
  await expect(page.getByTestId('totals-discount')).toHaveText('-RUB 428.00');
  await expect(page.getByTestId('totals-total')).toHaveText('RUB 4,242.00');
  await expect(page.getByTestId('refund')).toContainText('RUB 3,141.00');
  await expect(page.getByTestId('refund')).toContainText('returned by the original method (Card online)');
  const shirt = page.getByTestId('order-line').filter({ hasText: 'Linen shirt' });
  await expect(shirt).toContainText('1 pcs × RUB 3,490.00');
  await expect(shirt.getByTestId('line-cancelled')).toHaveText('Cancelled: 1 pcs');
  await expect(page.getByTestId('order-status')).toContainText('With the courier');
  const history = page.getByTestId('order-history');
  await expect(history).toContainText('Items cancelled');
  await expect(history).toContainText('The carrier was told to bring it back to the seller');
  await expect(history).toContainText('Payment refunded');
  await expectNoAxeViolations(page);
  // One e-mail tells the shopper which item went and what comes back.
  const email = await orderEmail(order.number, 'lines_cancelled');
  expect(email.subject).toBe(`Items cancelled from order ${order.number} — Vitrina Demo Store`);
  expect(email.text).toContain('Linen shirt (M · White) × 1');
  expect(email.text).toContain('RUB 3,141.00 is refunded to the card it was paid with.');
  expect(email.text).toContain('told to bring the cancelled items back to the seller');
  expect((await orderEmails(order.number)).map((e) => e.kind)).not.toContain('refunded');
});

test('choosing items to cancel works by keyboard alone, and choosing none is explained', async ({ page, request }) => {
  const order = await placeOrder(request);
  await page.goto(order.url);
  const choose = page.getByRole('button', { name: 'Cancel some items' });
  await choose.focus();
  await page.keyboard.press('Enter');
  const submit = page.getByRole('button', { name: 'Cancel the chosen items' });
  await submit.focus();
  await page.keyboard.press('Enter');
  const group = page.getByRole('group', { name: 'Which items, and how many of each?' });
  await expect(group).toBeFocused();
  await expect(group).toHaveAccessibleDescription('Choose at least one item.');
  await expectNoAxeViolations(page);
  const mug = page.getByLabel('Ceramic mug, Sage');
  await mug.focus();
  await page.keyboard.press('ArrowDown');
  await expect(mug).toHaveValue('1');
  await submit.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('totals-items')).toHaveText('RUB 6,980.00');
  await expect(page.getByTestId('order-line').filter({ hasText: 'Ceramic mug' }).getByTestId('line-cancelled')).toHaveText('Cancelled: 1 pcs');
  await expect(page.getByTestId('payment-status')).toContainText('Pay when you receive the parcel.');
});

test('a received order gets a return request on day 7 and is refused on day 8, by the store\'s clock', async ({ page, request }) => {
  // Received at 15:00 Moscow time on 10 November: the 17th is the 7th day.
  await setClock(request, '2026-11-10T12:00:00Z');
  const first = await placeOrder(request);
  const second = await placeOrder(request);
  await setStatus(request, first.number, 'received');
  await setStatus(request, second.number, 'received');
  // Ten minutes before the day ends: the server's clock runs on while the test works.
  await setClock(request, '2026-11-17T20:50:00Z');
  await page.goto(first.url);
  await expect(page.getByTestId('cancel-intro')).toContainText('You can ask to return all of the order or single items until');
  await expect(page.getByTestId('cancel-fee')).toHaveText('The delivery fee is not refunded for a return.');
  await page.getByRole('button', { name: 'Ask to return everything' }).click();
  await page.getByRole('button', { name: 'Yes, return everything' }).click();
  await expect(page.getByTestId('cancel-done')).toHaveText(/Your return request is saved/);
  await expect(page.getByTestId('order-history')).toContainText('Return requested');
  await expect(page.getByTestId('order-line').first().getByTestId('line-return')).toHaveText('Return requested: 2 pcs');
  await expect(page.getByTestId('cancel-reason')).toHaveText('You have already asked to return everything in this order.');
  const email = await orderEmail(first.number, 'return_requested');
  expect(email.subject).toBe(`Return request for order ${first.number} accepted — Vitrina Demo Store`);
  expect(email.text).toContain('Linen shirt (M · White) × 2');
  expect(email.text).toContain('Ceramic mug (Sage) × 1');
  expect(email.text).toContain('Send the items back to the seller');
  expect(email.text).toContain('Once the seller has the items, the money for them goes back the way you paid.');
  await setClock(request, '2026-11-17T21:00:00Z');
  await page.goto(second.url);
  await expect(page.getByRole('button', { name: 'Request cancellation' })).toBeDisabled();
  await expect(page.getByTestId('cancel-reason')).toHaveText(/^The time to cancel or return this order here ran out on [A-Z][a-z]{2} \d{1,2}, 2026, \d{1,2}:\d{2}\s[AP]M\. If something is wrong, contact the seller\.$/);
});

test('an unpaid card order never reaches the carrier, expires, gives its stock back, and Pay now is gone', async ({ page, request }) => {
  await setClock(request, '2026-11-20T09:00:00Z');
  const before = await stock(request, 'linen-shirt', 'linen-shirt-2');
  const order = await placeOrder(request, { payment: 'card-online' });
  expect(await stock(request, 'linen-shirt', 'linen-shirt-2')).toBe(before - 2);
  await page.goto(order.url);
  await expect(page.getByRole('button', { name: 'Pay now' })).toBeEnabled();
  await expect(page.getByTestId('pay-by')).toContainText('Please pay by');
  await expect(page.getByTestId('pay-countdown')).toHaveText(/^(59|60):\d\d$/);
  await setStatus(request, order.number, 'confirmed_by_seller');
  expect(await moveOrder(request, order.number, 'handed_to_carrier')).toBe(409);
  // The order came some seconds after 09:00 (the clock runs on while the test works): five
  // minutes past its hour is past its deadline however busy the machine.
  await setClock(request, '2026-11-20T10:05:00Z');
  await page.reload();
  await expect(page.getByTestId('order-status')).toContainText('Cancelled');
  await expect(page.getByTestId('payment-status')).toContainText('The order was not paid in time, so it was cancelled and its items went back on sale.');
  await expect(page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);
  await expect(page.getByTestId('order-history')).toContainText('Not paid in time: the order was cancelled');
  await expect(page.getByTestId('order-history')).not.toContainText('Handed to the carrier');
  expect(await stock(request, 'linen-shirt', 'linen-shirt-2')).toBe(before);
  await expectNoAxeViolations(page);
  // The shopper is told once: the expiry's own e-mail, not a second "cancelled" one.
  expect((await orderEmails(order.number)).map((e) => e.kind)).toEqual(['created', 'confirmed_by_seller', 'payment_expired']);
  const email = await orderEmail(order.number, 'payment_expired');
  expect(email.subject).toBe(`Order ${order.number} cancelled: not paid in time — Vitrina Demo Store`);
  expect(email.text).toMatch(/was to be paid by Friday, November 20, 2026 at 1:0\d PM \(Europe\/Moscow time\)/);
  expect(email.text).toContain('its items went back on sale');
  expect(email.text).toContain('Nothing was charged to your card.');
});

test('a cancelled order cannot be paid: the page says so and the bank refuses', async ({ page, request }) => {
  const order = await placeOrder(request, { payment: 'card-online' });
  await page.goto(order.url);
  await page.getByRole('button', { name: 'Request cancellation' }).click();
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.getByTestId('order-status')).toContainText('Cancelled');
  await expect(page.getByTestId('payment-status')).toContainText('The order was cancelled before it was paid. Nothing was charged.');
  await expect(page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);
  await page.goto(order.gateway!);
  await expect(page.getByRole('alert')).toContainText('This order can no longer be paid.');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
});

test('substitutions: one accepted, one declined, and a third left to lapse cancels the order', async ({ page, request }) => {
  await setClock(request, '2026-11-20T09:00:00Z');
  for (const substitute of ['linen-shirt-4', 'merino-sweater-3']) await restock(request, substitute);
  const order = await placeOrder(request, {
    items: [['linen-shirt-2', 2], ['ceramic-mug-1', 1], ['merino-sweater-2', 1]],
    promo: null,
  });
  await proposeSubstitution(request, order.number, '1', 'linen-shirt-4');
  await proposeSubstitution(request, order.number, '3', 'merino-sweater-3');
  await page.goto(order.url);
  const proposals = page.getByTestId('substitution');
  await expect(proposals).toHaveCount(2);
  const shirt = proposals.filter({ hasText: 'Linen shirt, M · White × 2' });
  await expect(shirt).toContainText('Instead: Linen shirt, M · Navy (the same item in another size or colour)');
  await expect(shirt.getByTestId('substitution-price')).toHaveText('This costs more by RUB 200.00');
  await expect(shirt.getByTestId('substitution-countdown')).toHaveText(/^(29|30):\d\d$/);
  await expect(shirt).toContainText('If you do not answer in time, the whole order is cancelled and any payment refunded.');
  await expectNoAxeViolations(page);
  // Each proposal came by e-mail too: what instead, what it costs, how and by when to answer.
  const proposalEmails = (await orderEmails(order.number)).filter((e) => e.kind === 'substitution_proposed');
  expect(proposalEmails).toHaveLength(2);
  const shirtEmail = proposalEmails.find((e) => e.text.includes('Linen shirt (M · White) × 2'));
  expect(shirtEmail?.subject).toBe(`Order ${order.number}: the seller asks about an item — Vitrina Demo Store`);
  expect(shirtEmail?.text).toContain('Instead: Linen shirt (M · Navy), the same item in another size or colour, RUB 3,590.00 each.');
  expect(shirtEmail?.text).toContain('With it, the order costs RUB 200.00 more.');
  // 30 minutes after the proposal, in the store's time (the clock ran on some seconds since 09:00 UTC).
  expect(shirtEmail?.text).toMatch(/Please answer by Friday, November 20, 2026 at 12:3\d PM \(Europe\/Moscow time\)/);
  expect(shirtEmail?.text).toContain(`/orders/${order.number}?token=`);
  expect(shirtEmail?.text).toContain('If you do not answer in time, the whole order is cancelled and any payment refunded.');
  await shirt.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByTestId('substitution-answered')).toHaveText(/your answer is saved/);
  await expect(page.getByTestId('totals-items')).toHaveText('RUB 13,960.00');
  await expect(page.getByTestId('order-line').first().getByTestId('line-replaces')).toHaveText('Replaces Linen shirt, M · White');
  await expect(page.getByTestId('order-line').first()).toContainText('M · Navy');
  const sweater = page.getByTestId('substitution');
  await expect(sweater).toHaveCount(1);
  await expect(sweater.getByTestId('substitution-price')).toHaveText('Same price.');
  await sweater.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByTestId('substitution')).toHaveCount(0);
  await expect(page.getByTestId('totals-items')).toHaveText('RUB 7,970.00');
  await expect(page.getByTestId('order-line').filter({ hasText: 'Merino sweater' }).getByTestId('line-cancelled')).toHaveText('Cancelled: 1 pcs');
  const history = page.getByTestId('order-history');
  await expect(history).toContainText('Substitute accepted');
  await expect(history).toContainText('Substitute declined');

  // The mug: the seller proposes to remove it, and nobody answers within 30 minutes.
  await proposeSubstitution(request, order.number, '2');
  await page.reload();
  await expect(page.getByTestId('substitution')).toContainText('The seller proposes to remove it from the order and refund it.');
  await expect(page.getByTestId('substitution-price')).toHaveText('This costs less by RUB 790.00');
  // The server's clock ran on since 09:00 while the test worked (tens of seconds on a busy
  // machine), so the mug's 30 minutes end a little after 09:30: five minutes later is past them.
  await setClock(request, '2026-11-20T09:35:00Z');
  await page.reload();
  await expect(page.getByTestId('order-status')).toContainText('Cancelled');
  await expect(history).toContainText('No answer to the substitute in time');
  await expect(page.getByTestId('substitution')).toHaveCount(0);
  await expect(page.getByTestId('totals-total')).toHaveText('RUB 0.00');
});

test('collecting: the last day and what happens after it, the locker\'s two hours on the order and the tracking page', async ({ page, request }) => {
  await setClock(request, '2026-11-20T09:00:00Z');
  const pickup = await placeOrder(request, { delivery: 'pickup-point' });
  await setStatus(request, pickup.number, 'handed_to_carrier');
  await setClock(request, '2026-11-21T20:30:00Z');
  await setStatus(request, pickup.number, 'ready_for_pickup');
  await page.goto(pickup.url);
  await expect(page.getByTestId('order-status')).toContainText('Ready for pickup');
  await expect(page.getByTestId('collect-by')).toContainText('Collect it by November 28, 2026.');
  await expect(page.getByTestId('collect-by')).toContainText('If it is not collected by then, the order counts as refused');
  await expect(page.getByTestId('delivery-address')).toContainText('Tverskaya St 12');
  await expect(page.getByTestId('id-documents')).toContainText('passport, driving licence, seaman\'s passport, military ID');
  await expectNoAxeViolations(page);

  const locker = await placeOrder(request, { delivery: 'parcel-locker', payment: 'card-online' });
  await page.goto(locker.gateway!);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('locker-report')).toHaveText(/report it within 2 hours of opening the locker cell/);
  await expect(page.getByTestId('id-documents')).toHaveCount(0);
  await setStatus(request, locker.number, 'handed_to_carrier');
  await setStatus(request, locker.number, 'ready_for_pickup');
  await page.reload();
  await page.getByRole('link', { name: /^Track parcel PX/ }).click();
  const collection = page.getByTestId('collection');
  await expect(collection).toContainText('Collect it by');
  await expect(collection.getByTestId('locker-report')).toHaveText(/report it within 2 hours of opening the locker cell/);
  await expectNoAxeViolations(page);

  // Nobody collects the first parcel by the 28th: the order counts as refused, and says so by e-mail.
  expect((await orderEmail(pickup.number, 'ready_for_pickup')).text).toContain('Collect it by November 28, 2026.');
  await setClock(request, '2026-11-29T09:00:00Z');
  await page.goto(pickup.url);
  await expect(page.getByTestId('order-history')).toContainText('Not collected in time: the order counts as refused');
  expect((await orderEmails(pickup.number)).map((e) => e.kind)).toEqual(['created', 'handed_to_carrier', 'ready_for_pickup', 'not_collected']);
  const email = await orderEmail(pickup.number, 'not_collected');
  expect(email.subject).toBe(`Order ${pickup.number} was not collected — Vitrina Demo Store`);
  expect(email.text).toMatch(/The parcel waited for you until November 28, 2026 at .*Tverskaya/);
  expect(email.text).toContain('the parcel goes back to the seller');
  expect(email.text).toContain('Nothing was charged, and nothing is due.');
});

test('a courier order carries its note and the documents the courier accepts to the order page', async ({ page, request }) => {
  const order = await placeOrder(request, { note: 'Подъезд 2, этаж 5, домофон 512' });
  await page.goto(order.url);
  await expect(page.getByTestId('courier-note')).toContainText('Note for the courier');
  await expect(page.getByTestId('courier-note')).toContainText('Подъезд 2, этаж 5, домофон 512');
  await expect(page.getByTestId('id-documents')).toHaveText(
    'At handover you may be asked for an identity document: passport, driving licence, seaman\'s passport, military ID, foreign passport, another identity document of a foreign citizen.',
  );
});

test('the seller\'s proposal reads in Russian too', async ({ page, request }) => {
  const order = await placeOrder(request, { items: [['linen-shirt-2', 1], ['ceramic-mug-1', 1]] });
  await restock(request, 'linen-shirt-3');
  await proposeSubstitution(request, order.number, '1', 'linen-shirt-3');
  await page.addInitScript(() => localStorage.setItem('vitrina.locale', 'ru'));
  await page.goto(order.url);
  await expect(page.getByRole('heading', { name: 'Продавец спрашивает о вашем заказе' })).toBeVisible();
  await expect(page.getByTestId('substitution')).toContainText('Вместо него: Linen shirt, L · White (тот же товар другого размера или цвета)');
  await expect(page.getByTestId('substitution-price')).toHaveText('Цена та же.');
  await expect(page.getByRole('button', { name: 'Принять' })).toBeVisible();
});
