import type { Request } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The page's frame and its requests: the header is on screen from the first frame the app paints
 * and never leaves while a page's data loads, fails or the session check is retried; and the
 * page does not ask for its data one request after another.
 */

/** Counts, in the page, animation frames on which the header or the store's name was missing. */
const WATCH_HEADER = `
  window.__headerGone = 0;
  window.__headerSeen = false;
  const watch = () => {
    const brand = document.querySelector('header.site-header .site-header__brand');
    const shown = brand !== null && brand.textContent.trim().length > 0 && brand.getBoundingClientRect().height > 0;
    if (shown) window.__headerSeen = true;
    else if (window.__headerSeen) window.__headerGone += 1;
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);`;

const problem = (status: number) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status }),
});

test('the header stays while the page’s data is delayed then fails, and the session check’s retries hold nothing up', async ({ page }) => {
  await page.addInitScript(WATCH_HEADER);
  // The session check fails slowly, every time (the app retries it twice); the seller's contact
  // answers late, with an error. Each is released only when the test says so.
  let sessionAnswers = 0;
  const sessionAnsweredAt: number[] = [];
  let releaseContact = () => {};
  const contactReleased = new Promise<void>((resolve) => { releaseContact = resolve; });
  await page.route('**/api/session', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    sessionAnswers += 1;
    sessionAnsweredAt.push(Date.now());
    await route.fulfill(problem(503));
  });
  await page.route('**/api/sellers/demo-seller/contact', async (route) => {
    await contactReleased;
    await route.fulfill(problem(500));
  });
  const started: { url: string; at: number }[] = [];
  page.on('request', (request: Request) => started.push({ url: new URL(request.url()).pathname, at: Date.now() }));

  const response = await page.goto('/sellers/demo-seller/contact');
  // The configuration came with the page: nothing waits for a request for it.
  expect(await response?.text()).toMatch(/id="vitrina-config">\{"api_base_url"/);
  const header = page.locator('header.site-header .site-header__brand');
  await expect(header).toHaveText('Vitrina Demo Store');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Both requests are out before either has been answered: neither waits for the other.
  await expect.poll(() => started.filter((r) => r.url === '/api/sellers/demo-seller/contact').length).toBe(1);
  const contactAt = started.find((r) => r.url === '/api/sellers/demo-seller/contact')?.at ?? Infinity;
  expect(started.some((r) => r.url === '/api/session' && r.at <= contactAt), 'the session check started with the page').toBe(true);
  expect(contactAt, 'the page asked for its data before the session check answered').toBeLessThan(sessionAnsweredAt[0] ?? Infinity);
  expect(started.filter((r) => r.url === '/config.json'), 'config.json asked for separately').toEqual([]);

  // Still loading: the header and the heading stay.
  await page.waitForTimeout(1000);
  await expect(header).toBeVisible();
  releaseContact();
  await expect(page.getByRole('alert')).toBeVisible();
  // The page's error is shown while the session check is still being retried, not after it.
  expect(sessionAnswers, 'the error waited for the session check to give up').toBeLessThan(3);
  await expect(header).toHaveText('Vitrina Demo Store');
  // Let the session check's retries run out with the page on screen: the header never left.
  await expect.poll(() => sessionAnswers, { timeout: 15_000 }).toBe(3);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __headerGone: number }).__headerGone), 'frames without the header').toBe(0);
});

test('the first frame already shows the store’s header, in the page as the server sends it', async ({ page }) => {
  const response = await page.request.get('/track');
  const html = await response.text();
  expect(html).toContain('<span class="site-header__brand">Vitrina Demo Store</span>');
  expect(html).toMatch(/<html lang="(en|ru|uk|sk)">/);
});
