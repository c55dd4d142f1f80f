import { test, expect, expectNoAxeViolations, openPage, withoutInlinedConfig, loseFirstAnswer } from './fixtures';
import { useCart } from './shop';

test('a shopper adds a product from the catalog and sees it in the cart with the subtotal', async ({ page }) => {
  await openPage(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  const card = page.getByTestId('product-card').filter({ hasText: 'Linen shirt' });
  await card.getByLabel('Size or colour').selectOption({ label: 'M · White' });
  await card.getByRole('button', { name: 'Add to cart: Linen shirt' }).click();
  await expect(card.getByText('Added to your cart.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Cart/ })).toContainText('1');

  await card.getByRole('link', { name: 'View cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Linen shirt');
  await expect(line).toContainText('M · White');
  await expect(line).toContainText('LISH-002');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('RUB 3,490.00');
});

test('an item whose "added" answer was lost is in the cart once when the shopper adds it again', async ({ page }) => {
  // The first addition reaches the store and is carried out; its answer never comes back.
  const keys = await loseFirstAnswer(page, /\/api\/carts\/[^/]+\/lines$/);
  await openPage(page, '/');
  const card = page.getByTestId('product-card').filter({ hasText: 'Ceramic mug' });
  const add = card.getByRole('button', { name: 'Add to cart: Ceramic mug' });
  await add.click();
  await expect(card.getByText('We could not reach the store.')).toBeVisible();
  await add.click();
  await expect(card.getByText('Added to your cart.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Cart/ })).toContainText('1');
  expect(keys).toHaveLength(2);
  expect(keys[1], 'the second attempt repeats the first one\'s key').toBe(keys[0]);
  // Added once more, after it worked: a new addition, a second mug.
  await add.click();
  await expect(page.getByRole('link', { name: /Cart/ })).toContainText('2');
  expect(keys).toHaveLength(3);
  expect(keys[2]).not.toBe(keys[0]);
  await openPage(page, '/cart');
  await expect(page.getByLabel('Quantity of Ceramic mug', { exact: true }).locator('input')).toHaveValue('2');
});

test('a page the browser loads leaves the focus at the top, the first Tab on the skip link; a page opened in the app focuses its heading', async ({ page }) => {
  await openPage(page, '/cart');
  const cart = page.getByRole('heading', { level: 1, name: 'Your cart' });
  await expect(cart).toBeVisible();
  await expect(cart).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // The store's name leads to the catalog, a page of this app: its heading takes the focus.
  await page.locator('header').getByRole('link', { name: 'Vitrina Demo Store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeFocused();
  await page.goBack();
  await expect(cart).toBeFocused();
});

test('changing the quantity updates the line total and subtotal from the backend', async ({ page }) => {
  await openPage(page, '/');
  const card = page.getByTestId('product-card').filter({ hasText: 'Ceramic mug' });
  await card.getByRole('button', { name: 'Add to cart: Ceramic mug' }).click();
  await expect(card.getByText('Added to your cart.')).toBeVisible();
  await page.goto('/cart');
  await page.getByRole('button', { name: 'One more Ceramic mug' }).click();
  await page.getByRole('button', { name: 'One more Ceramic mug' }).click();
  await expect(page.getByLabel('Quantity of Ceramic mug', { exact: true }).locator('input')).toHaveValue('3');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('RUB 2,370.00');
  await page.reload();
  await expect(page.getByTestId('cart-subtotal')).toHaveText('RUB 2,370.00');
  await page.getByRole('button', { name: 'Remove Ceramic mug from the cart' }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

test('a quantity changed from the keyboard keeps the focus where it was when the backend answers', async ({ page }) => {
  await openPage(page, '/');
  for (const item of ['Ceramic mug', 'Desk lamp']) {
    const card = page.getByTestId('product-card').filter({ hasText: item });
    await card.getByRole('button', { name: `Add to cart: ${item}` }).click();
    await expect(card.getByText('Added to your cart.')).toBeVisible();
  }
  await openPage(page, '/cart');
  const subtotal = await page.getByTestId('cart-subtotal').textContent();
  const more = page.getByRole('button', { name: 'One more Ceramic mug' });
  await more.focus();
  await page.keyboard.press('Enter');
  // The backend's answer has arrived once the subtotal changes; the button still has the focus.
  await expect(page.getByTestId('cart-subtotal')).not.toHaveText(subtotal!);
  await expect(page.getByLabel('Quantity of Ceramic mug', { exact: true }).locator('input')).toHaveValue('2');
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Quantity of Ceramic mug', { exact: true }).locator('input')).toHaveValue('3');
  await expect(page.getByTestId('cart-line').filter({ hasText: 'Ceramic mug' }).locator('.cart-line__total')).not.toHaveText(/updating/i);
  await expect(more).toBeFocused();
});

test('an unknown cart id gives a clear message and a fresh cart, not an error page', async ({ page }) => {
  await openPage(page, '/');
  await page.evaluate(() => localStorage.setItem('vitrina.cart_id', 'no-such-cart'));
  await openPage(page, '/cart');
  await expect(page.getByText('Your earlier cart has expired or could not be found')).toBeVisible();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

test('switching the language changes the page and is remembered', async ({ page }) => {
  await openPage(page, '/');
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Каталог' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByTestId('product-card').first()).toContainText('₽');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Каталог' })).toBeVisible();
  await page.getByLabel('Язык').selectOption('sk');
  await expect(page.getByRole('heading', { level: 1, name: 'Katalóg' })).toBeVisible();
  await page.getByLabel('Jazyk').selectOption('uk');
  await expect(page.getByRole('heading', { level: 1, name: 'Каталог' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Відстежити посилку' }).first()).toBeVisible();
});

test.describe('a browser that prefers Slovak', () => {
  test.use({ locale: 'sk-SK' });
  test('gets Slovak without choosing', async ({ page }) => {
    await openPage(page, '/');
    await expect(page.getByRole('heading', { level: 1, name: 'Katalóg' })).toBeVisible();
  });
});

test('a broken config.json shows a readable error page with a retry', async ({ page }) => {
  // A host that serves the pages as built: the app fetches config.json.
  await withoutInlinedConfig(page);
  let broken = true;
  await page.route('**/config.json', (route) =>
    broken ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"api_base_url": ' }) : route.continue(),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'The store cannot open right now' })).toBeVisible();
  await expect(page.getByText('config.json is missing or broken')).toBeVisible();
  broken = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
});

test('a missing config.json shows the same error page', async ({ page }) => {
  await withoutInlinedConfig(page);
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' }));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'The store cannot open right now' })).toBeVisible();
});

const appRoutes = [
  '/', '/cart', '/checkout/contact', '/checkout/delivery', '/checkout/payment', '/checkout/review',
  '/orders/lookup', '/orders/1042', '/track', '/track/PX1000000001', '/sellers/demo-seller/contact',
  '/seller/contact', '/sign-in',
];

test('every route of the app loads the app, not a server 404', async ({ page }) => {
  // Something in the cart: a checkout step shows itself, where with an empty cart the browser
  // would be sent on to the cart's page (another area's, loaded in full).
  await useCart(page, [['desk-lamp-1', 1]]);
  for (const path of appRoutes) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator('h1'), path).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Page not found' }), path).toHaveCount(0);
  }
});

test('an unknown address shows a helpful not-found page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
});

test('the catalog and the cart have no accessibility violations', async ({ page }) => {
  await openPage(page, '/');
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  await expectNoAxeViolations(page);
  const card = page.getByTestId('product-card').filter({ hasText: 'Desk lamp' });
  await card.getByRole('button', { name: 'Add to cart: Desk lamp' }).click();
  await expect(card.getByText('Added to your cart.')).toBeVisible();
  await openPage(page, '/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('the API answers with its OpenAPI document and problem details', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const missing = await request.get('/api/carts/unknown');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).toBe('application/problem+json');
  expect(await missing.json()).toMatchObject({ type: 'urn:vitrina:problem:cart-not-found', status: 404 });
});
