import { test, expect, expectNoAxeViolations, openPage } from './fixtures';
import type { Page } from '@playwright/test';

// A journey of a thousand events (the demo shipment PX1000000009). The trace kept of a failure
// holds no copies of the page here: they were taken before and after every step, and a copy of a
// thousand rows costs the page seconds on a loaded machine (the run's last lines name the step a
// test stopped in). Each rebuild of the thousand rows is checked in a test of its own.
test.use({ trace: { mode: 'retain-on-failure', snapshots: false } });

const events = (page: Page) => page.getByTestId('tracking-event');

test('PX1000000009 opens with its newest events and shows all 1,000 when asked', async ({ page }) => {
  await openPage(page, '/track/PX1000000009');
  await expect(events(page)).toHaveCount(20);
  await expectNoAxeViolations(page);
  const more = page.getByTestId('show-all-events');
  await expect(more).toHaveText('Show all 1,000 events');
  await more.click();
  await expect(events(page)).toHaveCount(1000);
  await expect(events(page).last()).toContainText('Получен предварительный заказ');
  await expect(events(page).nth(20)).toBeFocused();
  await expect(page.getByTestId('show-all-events')).toHaveCount(0);
});

test('PX1000000009 shown in full stays in full when built anew in another zone and language', async ({ page }) => {
  await openPage(page, '/track/PX1000000009');
  await page.getByTestId('show-all-events').click();
  await expect(events(page)).toHaveCount(1000);
  // In the shopper's zone and then in another language, the oldest as the newest in that
  // zone and language.
  await page.getByLabel('Your time zone (Europe/Moscow)').check();
  await expect(events(page).last()).toContainText('your time, Europe/Moscow');
  await expect(events(page)).toHaveCount(1000);
  await page.getByLabel('Language').selectOption('ru');
  await expect(events(page).last()).toContainText('Данные получены');
  await expect(events(page).last()).toContainText('ваше время, Europe/Moscow');
  await expect(events(page)).toHaveCount(1000);
  await expect(page.getByTestId('show-all-events')).toHaveCount(0);
});

// Rows out of view wait to be laid out until scrolled to; the first rows did too, and took their
// real height only once in view, so the "Show all" button moved up by a row's worth under the
// pointer between pressing and releasing, and the click went to what came under it instead.
test('the first rows keep their place when scrolled to, so a slow click on "Show all" lands', async ({ page }) => {
  await openPage(page, '/track/PX1000000009');
  const more = page.getByTestId('show-all-events');
  // Brought into view and measured in one step, before the page renders the rows now in view.
  const at = await more.evaluate((button) => {
    button.scrollIntoView({ block: 'end' });
    const box = button.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  // A few frames between pressing and releasing, as a finger on a busy phone takes.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
  await page.mouse.up();
  await expect(more).toHaveCount(0);
  await expect(events(page)).toHaveCount(1000);
});
