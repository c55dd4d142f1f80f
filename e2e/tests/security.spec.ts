import { test, expect } from './fixtures';
import { useCart, toReview, placeOrder } from './shop';

/**
 * Records every Content-Security-Policy violation in each document the page loads (the store's
 * pages and the demo gateway's), and every console line a refused resource leaves.
 */
async function watchPolicy(page: import('@playwright/test').Page) {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  const violations = async () => [...refused, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
  return violations;
}

test('the whole checkout, card payment included, runs under the Content-Security-Policy with no violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  const shop = await page.request.get('/');
  const policy = shop.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain('unsafe-inline');
  await useCart(page, [['linen-shirt-2', 1]]);
  await toReview(page, 'Card online');
  expect(await violations()).toEqual([]);
  await placeOrder(page);
  // The demo bank says it is one.
  await expect(page.getByRole('heading', { name: 'Demo Bank · card payment' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('No card is needed, no money moves');
  expect(await violations()).toEqual([]);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Order \d+$/ })).toBeVisible();
  await expect(page.getByTestId('payment-status')).toContainText('Paid. Thank you!');
  expect(await violations()).toEqual([]);
});

test('an order is placed where crypto.randomUUID does not exist (plain HTTP on a LAN, older Safari)', async ({ page }) => {
  await page.addInitScript(() => {
    delete (Crypto.prototype as unknown as { randomUUID?: unknown }).randomUUID;
  });
  await useCart(page, [['wall-clock-1', 1]]);
  expect(await page.evaluate(() => typeof (crypto as unknown as { randomUUID?: unknown }).randomUUID)).toBe('undefined');
  const keys: string[] = [];
  page.on('request', (r) => {
    const key = r.headers()['idempotency-key'];
    if (key && r.url().endsWith('/api/orders')) keys.push(key);
  });
  await toReview(page, 'Cash on delivery');
  await placeOrder(page);
  await expect(page.getByRole('heading', { level: 1, name: /^Order \d+$/ })).toBeVisible();
  await expect(page.getByTestId('payment-status')).toContainText('Pay when you receive the parcel.');
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
