import { test, expect } from './fixtures';
import { useCart, toReview, plain } from './shop';
import { placeOrder as placeThroughApi, restock, setClock, setStatus } from './orders';
import { orderEmails, type OrderEmail } from './outbox';
import { LANGS, mailPattern, t, type Lang } from './words';

// Every e-mail of an order in the language the shopper placed it in, read from the server's
// outbox by a MIME parser. These tests set the server's clock: they run in the serial suite.

// Monday 23 November 2026, 09:00 in Moscow: before the cut-off, so an order leaves today.
const MONDAY_MORNING = '2026-11-23T06:00:00Z';
const TODAY: Record<Lang, string> = { en: 'November 23, 2026', ru: '23 ноября 2026 г.', uk: '23 листопада 2026 р.', sk: '23. novembra 2026' };

/** The text as a mail client shows it, its lines run together (a long sentence may be wrapped). */
function flat(text: string) {
  return plain(text).replace(/\s+/g, ' ');
}

function kinds(emails: OrderEmail[]) {
  return emails.map((e) => e.kind);
}

function only(emails: OrderEmail[], kind: string): OrderEmail {
  const found = emails.filter((e) => e.kind === kind);
  expect(found.length, `one ${kind} e-mail among ${kinds(emails).join(', ')}`).toBe(1);
  return found[0];
}

for (const lang of LANGS) {
  test(`${lang}: an order placed in this language gets every e-mail in it, as the order moves along`, async ({ page }) => {
    await setClock(page.request, MONDAY_MORNING);
    for (const variant of ['linen-shirt-2', 'ceramic-mug-1']) await restock(page.request, variant);

    // The shopper fills the checkout, switches the language on the last step and places the order.
    await useCart(page, [['linen-shirt-2', 2], ['ceramic-mug-1', 1]]);
    await toReview(page, 'Cash on delivery');
    await page.getByLabel('Language').selectOption(lang);
    await expect(page.getByRole('heading', { level: 1, name: t(lang, 'checkout.review.title') })).toBeVisible();
    const total = plain(await page.getByTestId('totals-total').first().textContent());
    await page.getByLabel(t(lang, 'review.accept_terms')).check();
    await page.getByLabel(t(lang, 'review.personal_data')).check();
    const button = page.getByTestId('place-order');
    await expect(button).toHaveAttribute('aria-disabled', 'false');
    await button.click();
    await page.waitForURL(/\/orders\/\d+\?token=/);
    const number = new URL(page.url()).pathname.split('/').pop()!;

    // The confirmation: in the language, the money as the page wrote it, the day it leaves, and
    // how to cancel.
    let emails = await orderEmails(number);
    expect(kinds(emails)).toEqual(['created']);
    const confirmation = emails[0];
    expect(confirmation.language).toBe(lang);
    expect(confirmation.subject).toMatch(mailPattern(lang, 'confirmation.subject', { number }));
    expect(confirmation.html).toContain(`lang="${lang}"`);
    const text = flat(confirmation.text);
    expect(text).toContain(total);
    if (lang === 'ru') expect(total).toMatch(/^\d{1,3}( \d{3})*,\d{2} ₽$/);
    expect(text).toMatch(mailPattern(lang, 'delivery.dispatch', { date: TODAY[lang] }));
    expect(text).toMatch(mailPattern(lang, 'confirmation.change'));

    // The seller confirms, the carrier takes it, the courier brings it.
    for (const status of ['sent_to_seller', 'confirmed_by_seller', 'handed_to_carrier', 'with_courier', 'received']) {
      await setStatus(page.request, number, status);
    }
    emails = await orderEmails(number);
    expect(kinds(emails)).toEqual(['created', 'confirmed_by_seller', 'handed_to_carrier', 'received']);
    expect(emails.every((e) => e.language === lang)).toBeTruthy();
    expect(only(emails, 'confirmed_by_seller').subject).toMatch(mailPattern(lang, 'seller_confirmed.subject', { number }));
    const shipped = only(emails, 'handed_to_carrier');
    expect(shipped.subject).toMatch(mailPattern(lang, 'shipped.subject', { number }));
    expect(shipped.text).toMatch(/\/track\/PX\w+/);
    expect(only(emails, 'received').subject).toMatch(mailPattern(lang, 'delivered.subject', { number }));

    // An order to a pickup point, as the app sends it in this language: the code's rule and the
    // last day to collect it.
    const pickup = await placeThroughApi(page.request, { delivery: 'pickup-point', payment: 'cash-on-delivery', locale: lang });
    for (const status of ['sent_to_seller', 'confirmed_by_seller', 'handed_to_carrier', 'ready_for_pickup']) {
      await setStatus(page.request, pickup.number, status);
    }
    const ready = only(await orderEmails(pickup.number), 'ready_for_pickup');
    expect(ready.language).toBe(lang);
    expect(ready.subject).toMatch(mailPattern(lang, 'ready_for_pickup.subject', { number: pickup.number }));
    expect(flat(ready.text)).toMatch(mailPattern(lang, 'ready_for_pickup.code_rule'));
    expect(flat(ready.text)).toMatch(mailPattern(lang, 'ready_for_pickup.last_day'));

    // An order cancelled before the seller confirms it.
    const cancelled = await placeThroughApi(page.request, { payment: 'cash-on-delivery', locale: lang });
    const response = await page.request.post(`/api/orders/${cancelled.number}/cancellation`, { data: { access_token: cancelled.token } });
    expect(response.ok(), await response.text()).toBeTruthy();
    emails = await orderEmails(cancelled.number);
    expect(kinds(emails)).toEqual(['created', 'cancelled']);
    const cancellation = only(emails, 'cancelled');
    expect(cancellation.language).toBe(lang);
    expect(cancellation.subject).toMatch(mailPattern(lang, 'cancelled.subject', { number: cancelled.number }));
    expect(flat(cancellation.text)).toMatch(mailPattern(lang, 'cancelled.nothing_due'));
  });
}
