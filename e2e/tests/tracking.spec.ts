import { test, expect, expectNoAxeViolations, openPage } from './fixtures';
import type { Page } from '@playwright/test';

/** The backend's view of a demo shipment: the tests read the carrier's raw dates from it. */
async function shipmentJson(page: Page, number: string) {
  const response = await page.request.get(`/api/shipments/${number}`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** A calendar date as the page writes it ("December 3, 2026"), formatted by the same browser. */
async function longDate(page: Page, isoDate: string) {
  return page.evaluate(
    (d) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)),
    isoDate,
  );
}

function addDays(isoDate: string, days: number) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const events = (page: Page) => page.getByTestId('tracking-event');
const state = (page: Page) => page.getByTestId('shipment-state');

test.describe('tracking lookup', () => {
  test('a malformed number is explained at the field and in the summary', async ({ page }) => {
    await openPage(page, '/track');
    await expect(page.getByRole('heading', { level: 1, name: 'Track a parcel' })).toBeVisible();
    const field = page.getByLabel('Tracking number');
    await field.fill('PX1');
    await page.getByRole('button', { name: 'Track' }).click();
    const message = 'This does not look like a tracking number.';
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#tracking-number-error')).toContainText(message);
    await expect(page).toHaveURL(/\/track$/);
    await expectNoAxeViolations(page);
  });

  test('a number typed with spaces and small letters opens its journey', async ({ page }) => {
    await openPage(page, '/track');
    await page.getByLabel('Tracking number').fill(' px 1000 000 001 ');
    await page.getByRole('button', { name: 'Track' }).click();
    await expect(page).toHaveURL(/\/track\/PX1000000001$/);
    await expect(page.getByTestId('tracking-number')).toHaveText('PX1000000001');
  });

  test('an unknown number is "not found yet", with what that usually means', async ({ page }) => {
    await openPage(page, '/track/PX9999999999');
    const notice = page.getByTestId('not-found-yet');
    await expect(notice).toContainText('PX9999999999: not found yet');
    await expect(notice).toContainText('new numbers appear within a day or two of dispatch');
    await expect(page.getByLabel('Tracking number')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('the demo shipments', () => {
  test('PX1000000001 is delivered after its whole journey, and the page stops checking', async ({ page }) => {
    await openPage(page, '/track/PX1000000001');
    await expect(state(page)).toContainText('Delivered.');
    await expect(state(page)).toContainText('Final');
    await expect(page.getByTestId('delivery-date')).toContainText('Delivered:');
    await expect(page.getByTestId('phase-bar').locator('[aria-current="step"]')).toContainText('Delivered');
    await expect(events(page)).toHaveCount(13);
    await expect(events(page).first()).toContainText('Доставлено получателю');
    await expect(events(page).last()).toContainText('Получен предварительный заказ');
    await expect(page.getByTestId('refresh-status')).toContainText('The journey is over');
    await expect(page.getByTestId('offer-panel')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('PX1000000002 waits for the customs offer: deadline 14 days after arrival, the rules and the help', async ({ page }) => {
    const data = await shipmentJson(page, 'PX1000000002');
    const arrival = data.events.find((e: { raw_status: string }) => e.raw_status === 'Прибыл на СВХ');
    const deadline = await longDate(page, addDays(arrival.time.local.slice(0, 10), 14));

    await openPage(page, '/track/PX1000000002');
    const panel = page.getByTestId('offer-panel');
    await expect(panel.getByRole('heading', { name: 'Confirm the customs offer' })).toBeVisible();
    await expect(page.getByTestId('offer-deadline')).toContainText(`Confirm by ${deadline}`);
    await expect(page.getByTestId('offer-countdown')).toHaveText('11 days left');
    await expect(panel).toContainText('exactly as it is in your passport, including "issued by"');
    await expect(panel).toContainText('After more than 4 wrong tries the link is blocked.');
    await expect(panel).toContainText('We never ask for your passport or tax number');
    await expect(panel.getByRole('link', { name: "Open Pony Express's site" })).toHaveAttribute('href', 'https://client.ponyexpress.ru/');
    // Every problem case of the carrier's offer flow has its answer.
    await expect(panel.getByTestId('offer-help')).toHaveCount(9);
    await panel.getByText('The link says it is blocked').click();
    await expect(panel).toContainText('Ask Pony Express\'s support to unblock it');
    await panel.getByText('I have no tax number').click();
    await expect(panel.getByRole('link', { name: "Find your tax number on the Federal Tax Service's site" })).toHaveAttribute('href', 'https://service.nalog.ru/');
    // The store never asks for passport data itself.
    await expect(page.locator('input:not([type="radio"])')).toHaveCount(0);
    await expect(state(page)).toContainText('Needs your action');
    await expectNoAxeViolations(page);
  });

  test('PX1000000003: the offer expired and the parcel goes back; the shopper is sent to the store', async ({ page }) => {
    await openPage(page, '/track/PX1000000003');
    const panel = page.getByTestId('offer-expired');
    await expect(panel.getByRole('heading', { name: 'The customs offer was not confirmed in time' })).toBeVisible();
    await expect(panel).toContainText('the parcel is returned or destroyed, as the store decides');
    await expect(panel).toContainText('Ask the store straight away for a refund or for the goods to be sent again.');
    await expect(panel.getByTestId('contact-seller')).toHaveAttribute('href', '/sellers/demo-seller/contact?shipment=PX1000000003');
    await expect(state(page)).toContainText('On its way back to the sender.');
    await expect(page.getByTestId('phase-bar')).toBeVisible();
  });

  test('PX1000000004 is stalled: no news for 20 days, the planned date passed, both dates side by side', async ({ page }) => {
    const data = await shipmentJson(page, 'PX1000000004');
    const planned = await longDate(page, data.planned_date);
    const lastDate = await page.evaluate(
      (d) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}Z`)),
      data.last_event.local,
    );

    await openPage(page, '/track/PX1000000004');
    const panel = page.getByTestId('stall-panel');
    await expect(panel.getByRole('heading', { name: 'No update for 20 days' })).toBeVisible();
    await expect(panel).toContainText('The planned delivery date has passed');
    await expect(page.getByTestId('stall-last-event')).toContainText(lastDate);
    await expect(page.getByTestId('stall-planned')).toHaveText(planned);
    await expect(panel.getByRole('link', { name: 'Ask the seller to look into this shipment' })).toHaveAttribute(
      'href',
      '/sellers/demo-seller/contact?shipment=PX1000000004',
    );
    // The seller's compact contact card sits on the page, about this shipment.
    const card = page.getByTestId('contact-compact');
    await expect(card).toBeVisible();
    await expect(card.locator('a[href*="shipment=PX1000000004"]').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('PX1000000005 is held at customs until the duties are paid', async ({ page }) => {
    await openPage(page, '/track/PX1000000005');
    await expect(state(page)).toContainText('At customs.');
    await expect(state(page)).toContainText('Needs your action');
    await expect(page.locator('.shipment__action')).toContainText('Pay the customs duties through Pony Express');
    await expect(events(page).first()).toContainText('Задержано таможней — требуется оплата таможенных платежей');
  });

  test('PX1000000006: a failed attempt, a new date, what happens next and the attempts left', async ({ page }) => {
    await openPage(page, '/track/PX1000000006');
    const panel = page.getByTestId('attempts-panel');
    await expect(panel.getByRole('heading', { name: 'The courier could not deliver' })).toBeVisible();
    await expect(panel).toContainText('Доставка не осуществлена — офис/квартира закрыты');
    await expect(panel).toContainText('A new delivery date has been agreed.');
    await expect(panel).toContainText('up to 3 more times');
    await expect(panel).toContainText('at most 15 minutes');
    await expect(page.getByTestId('attempts-left')).toHaveText('2 delivery attempts left');
    await expect(page.getByTestId('phase-bar').locator('[aria-current="step"]')).toContainText('Out for delivery');
  });

  test('PX1000000007 shows a status nobody mapped, raw and marked as unknown', async ({ page }) => {
    await openPage(page, '/track/PX1000000007');
    const raw = 'Передано партнёрской службе доставки (код 77)';
    await expect(state(page)).toContainText('reports a status we do not know yet');
    const first = events(page).first();
    await expect(first).toContainText(raw);
    await expect(first).toContainText('Unknown status');
    await expect(first.getByText(raw)).toHaveAttribute('lang', 'ru');
    await expect(events(page)).toHaveCount(4);
  });

  test('PX1000000008 is ready at the pickup point', async ({ page }) => {
    await openPage(page, '/track/PX1000000008');
    await expect(state(page)).toContainText('Ready for collection at the pickup point.');
    await expect(page.getByTestId('phase-bar').locator('[aria-current="step"]')).toContainText('Ready for pickup');
    await expect(page.locator('.shipment__action')).toContainText('Collect the parcel at the pickup point');
  });

  test('PX1000000010 stays delivered despite a later "out for delivery" scan', async ({ page }) => {
    await openPage(page, '/track/PX1000000010');
    await expect(state(page)).toContainText('Delivered.');
    await expect(page.getByTestId('delivered-wins')).toBeVisible();
    await expect(events(page).first()).toContainText('Отправление будет доставлено сегодня');
    await expect(events(page).first()).toContainText('Recorded after the delivery');
    await expect(page.getByTestId('phase-bar').locator('[aria-current="step"]')).toContainText('Delivered');
  });
});

test('the zone switch shows every zoned time in the viewer\'s zone, and labels times without a zone', async ({ page }) => {
  await openPage(page, '/track/PX1000000001');
  const shenzhen = events(page).filter({ hasText: 'Получен предварительный заказ' });
  const unzoned = events(page).filter({ hasText: 'Оферта подтверждена' });
  const when = shenzhen.locator('.event__when');
  await expect(when).toContainText('Asia/Shanghai, UTC+8');
  await expect(unzoned.locator('.event__when')).toContainText('time zone not given');
  const inShenzhen = await when.locator('time').textContent();

  await page.getByLabel('Your time zone (Europe/Moscow)').check();
  await expect(when).toContainText('your time, Europe/Moscow');
  const inMoscow = await when.locator('time').textContent();
  expect(inMoscow).not.toEqual(inShenzhen);
  // Shenzhen is five hours ahead of Moscow: the same moment reads five hours earlier here.
  const hour = (s: string | null) => Number(/(\d{1,2}):\d{2}/.exec(s ?? '')?.[1]);
  expect((hour(inShenzhen) - hour(inMoscow) + 24) % 12).toBe(5);
  await expect(unzoned.locator('.event__when')).toContainText('time zone not given');

  await page.getByLabel('Local time where each event happened').check();
  await expect(when).toContainText('Asia/Shanghai, UTC+8');
});

test('a second carrier reports in English and is read from its own table', async ({ page }) => {
  await openPage(page, '/track/LX1000000001');
  await expect(page.locator('.shipment__id')).toContainText('Lynx Courier');
  await expect(state(page)).toContainText('Out for delivery');
  const first = events(page).first();
  await expect(first.locator('.event__status [lang]')).toHaveText('Out for delivery');
  await expect(first.locator('.event__status [lang]')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Unknown status')).toHaveCount(0);
});

test('a carrier that states no redelivery rules is promised none', async ({ page }) => {
  await openPage(page, '/track/LX1000000003');
  const panel = page.getByTestId('attempts-panel');
  await expect(panel.getByRole('heading', { name: 'The courier could not deliver' })).toBeVisible();
  await expect(panel).toContainText('Delivery attempted - recipient not at home');
  await expect(page.getByTestId('attempts-next')).toHaveCount(0);
  await expect(panel).not.toContainText('15 minutes');
});

test('an order\'s shipments appear together, each with its state and a link to its journey', async ({ page }) => {
  await openPage(page, '/track?order=DEMO-1001');
  await expect(page.getByRole('heading', { name: 'Shipments of order DEMO-1001' })).toBeVisible();
  const rows = page.getByTestId('order-shipment');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'PX1000000008' })).toContainText('Ready for pickup');
  await expect(rows.filter({ hasText: 'LX1000000002' })).toContainText('Delivered');
  await rows.filter({ hasText: 'LX1000000001' }).getByRole('link', { name: 'LX1000000001' }).click();
  await expect(page).toHaveURL(/\/track\/LX1000000001$/);
  await expect(state(page)).toContainText('Out for delivery');
  await page.goto('/track?order=DEMO-1001');
  await expect(rows).toHaveCount(3);
  await expectNoAxeViolations(page);
});

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });
  test('the customs offer panel speaks the shopper\'s language, the carrier keeps its own words', async ({ page }) => {
    await openPage(page, '/track/PX1000000002');
    await expect(page.getByRole('heading', { name: 'Подтвердите таможенную оферту' })).toBeVisible();
    await expect(page.getByTestId('offer-countdown')).toHaveText('осталось 11 дней');
    await expect(events(page).first()).toContainText('Оферта отправлена');
    await expect(page.getByText('Если ввести данные неверно больше 4 раз, ссылка блокируется.')).toBeVisible();
  });
});

test.describe('keeping a shipment fresh', () => {
  const NUMBER = 'PX1000000004';
  const asked = (page: Page) => {
    const times: number[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === `/api/shipments/${NUMBER}`) times.push(Date.now()); });
    return times;
  };

  test('while it waits for its next look, nothing wakes the page; “Check now” looks at once', async ({ page }) => {
    // Every timer the page sets, counted from the moment the shipment is on screen.
    await page.addInitScript(() => {
      const w = window as unknown as { __timers: number };
      w.__timers = 0;
      const setTimeout = window.setTimeout.bind(window);
      const setInterval = window.setInterval.bind(window);
      window.setTimeout = ((...args: Parameters<typeof setTimeout>) => { w.__timers += 1; return setTimeout(...args); }) as typeof window.setTimeout;
      window.setInterval = ((...args: Parameters<typeof setInterval>) => { w.__timers += 1; return setInterval(...args); }) as typeof window.setInterval;
    });
    const times = asked(page);
    await openPage(page, `/track/${NUMBER}`);
    await expect(page.getByTestId('refresh-status')).toContainText('This page checks for news by itself');
    const before = await page.evaluate(() => (window as unknown as { __timers: number }).__timers);
    // Its next look is a minute away: in between, not one timer (it used to wake twice a second).
    await page.waitForTimeout(2000);
    expect(await page.evaluate(() => (window as unknown as { __timers: number }).__timers) - before, 'timers set while waiting').toBe(0);
    expect(times).toHaveLength(1);
    await page.getByTestId('refresh-status').getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => times.length).toBe(2);
  });

  test('it looks again when its time comes, and while the page is hidden only once it is shown again', async ({ page }) => {
    await page.clock.install();
    const times = asked(page);
    await openPage(page, `/track/${NUMBER}`);
    const status = page.getByTestId('refresh-status');
    await expect(status).toContainText('This page checks for news by itself');
    expect(times).toHaveLength(1);
    const firstLook = await status.locator('p').first().textContent();
    // The first look after a minute. Its answer has landed (and the page waits again) once the
    // time it names has moved on: time jumped while it was on its way would time it out.
    await page.clock.runFor(61_000);
    await expect.poll(() => times.length).toBe(2);
    await expect(status.locator('p').first()).not.toHaveText(firstLook ?? '');
    await expect(status).toContainText('This page checks for news by itself');
    // Nothing changed, so the next is two minutes later; the page is hidden by then.
    await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }));
    await page.clock.runFor(10 * 60_000);
    expect(times, 'asked while hidden').toHaveLength(2);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => times.length).toBe(3);
  });
});
