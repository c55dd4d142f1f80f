import { test, expect } from './fixtures';
import { useCart } from './shop';

// The second demo store, served by the same build as the first: what the page says about money,
// language, countries and terms comes from the store's own description.

test('the Slovak store opens in Slovak with prices in euro', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sk');
  await expect(page.locator('.site-header__brand')).toHaveText('Vitrina Demo Obchod');
  await expect(page.getByText(/€/).first()).toBeVisible();
  await expect(page.getByText(/₽|RUB/)).toHaveCount(0);
});

test('the delivery form offers the store’s countries, and checks a Czech postcode by the country’s pattern', async ({ page }) => {
  await useCart(page, [['desk-lamp-1', 1]]);
  await page.goto('/checkout/contact');
  await page.getByLabel('E-mail', { exact: true }).fill('jana@example.sk');
  await page.getByLabel('Telefón', { exact: true }).fill('0905 123 456');
  await page.getByLabel('Meno a priezvisko', { exact: true }).fill('Jana Nováková');
  await page.getByRole('button', { name: 'Ďalej: doručenie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Doručenie' })).toBeVisible();

  const country = page.getByLabel('Krajina');
  await expect(country).toHaveValue('SK');
  const offered = await country.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(['SK', 'CZ', 'AT', 'HU', 'PL']);

  await country.selectOption('CZ');
  await page.getByLabel('Mesto alebo obec').fill('Praha');
  await page.getByLabel('PSČ').fill('1100');
  await page.getByLabel('PSČ').blur();
  await expect(page.getByText('PSČ nezodpovedá zvolenej krajine.').first()).toBeVisible();
  await page.getByLabel('PSČ').fill('110 00');
  await expect(page.getByLabel(/· Lynx Courier/).first()).toBeVisible();
  await expect(page.getByLabel('Výdajné miesto · Lynx Courier')).toHaveCount(0);
  await expect(page.getByText('PSČ nezodpovedá zvolenej krajine.')).toHaveCount(0);

  // At home, the store's own pickup points.
  await country.selectOption('SK');
  await page.getByLabel('Mesto alebo obec').fill('Bratislava');
  await page.getByLabel('PSČ').fill('811 01');
  await page.getByLabel('PSČ').blur();
  await page.getByLabel('Výdajné miesto · Lynx Courier').check();
  await expect(page.getByText('Bratislava, Obchodná 12').first()).toBeVisible();
});

test('the sign-in page shows demo accounts only when the store says it is a demo', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), demo: false } });
  });
  await page.goto('/sign-in');
  await expect(page.locator('#sign-in-email')).toBeVisible();
  await expect(page.locator('.sign-in__demo')).toHaveCount(0);
  await page.unroute('**/config.json');
  await page.reload();
  await expect(page.locator('.sign-in__demo')).toBeVisible();
});

test('the terms a shopper accepts open at their version', async ({ page, request }) => {
  const config = await (await request.get('/config.json')).json();
  const terms = config.documents.find((d: { kind: string }) => d.kind === 'terms');
  const url = terms.url.replace('{version}', terms.version);
  const doc = await request.get(url);
  expect(doc.ok()).toBeTruthy();
  expect(await doc.text()).toContain('Všeobecné obchodné podmienky');
});

test('the catalogue asks for its texts again when the shopper switches language', async ({ page }) => {
  await page.goto('/');
  const names = page.locator('.product-card__name');
  await expect(names.filter({ hasText: 'Stolová lampa' })).toHaveCount(1);
  await page.getByLabel('Jazyk').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await expect(names.filter({ hasText: 'Desk lamp' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'Stolová lampa' })).toHaveCount(0);
  await page.getByLabel('Language').selectOption('ru');
  await expect(names.filter({ hasText: 'Настольная лампа' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'Desk lamp' })).toHaveCount(0);
  // The prices stay the store's euros, now written the Russian way.
  await expect(page.getByTestId('product-card').filter({ hasText: 'Настольная лампа' })).toContainText('€');
});
