import type { Page } from '@playwright/test';
import { test, expect, editConfig, expectNoAxeViolations, openPage } from './fixtures';
import { placeOrder as placeByApi, setStatus } from './orders';
import { orderEmail, outbox } from './outbox';
import { useCart, fillContact, fillAddress, chooseCourier, continueToPayment, choosePayment, placeOrder, plain, type Shopper } from './shop';
import { t } from './words';

/** A shopper in Bratislava, as she types her phone at home. */
const jana: Shopper = {
  email: 'jana@example.sk',
  phone: '0905 123 456',
  name: 'Jana Nováková',
  country: 'SK',
  city: 'Bratislava',
  line: 'Obchodná 5',
  postcode: '811 01',
};
const janasOrder = {
  contact: { email: jana.email, phone: jana.phone, name: jana.name },
  address: { country: 'SK', city: jana.city, line: jana.line, postcode: jana.postcode },
  recipient: false,
  promo: null,
  items: [['desk-lamp-1', 1]] as [string, number][],
};

/** Euro cents as the browser's Intl writes them in Slovak (`43,80 €`), spaces made plain. */
async function euro(page: Page, cents: number) {
  return plain(await page.evaluate((c) => new Intl.NumberFormat('sk', { style: 'currency', currency: 'EUR' }).format(c / 100), cents));
}

/** The outbox of the Slovak store's backend (`$VITRINA_VAR/sk`, as playwright.config.ts has it). */
const SK = 'sk';

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
  await editConfig(page, (config) => ({ ...config, demo: false }));
  await page.goto('/sign-in');
  await expect(page.locator('#sign-in-email')).toBeVisible();
  await expect(page.locator('.sign-in__demo')).toHaveCount(0);
  await page.unrouteAll({ behavior: 'wait' });
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

test('the catalogue and the cart ask for their texts again when the shopper switches language', async ({ page }) => {
  await useCart(page, [['ceramic-mug-1', 1]]);
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
  await page.getByRole('link', { name: /Корзина/ }).first().click();
  const line = page.getByTestId('cart-line');
  await expect(line).toContainText('Керамическая кружка');
  await page.getByLabel('Язык').selectOption('sk');
  await expect(line).toContainText('Keramický hrnček');
});

test('browse, add to cart, a courier and a card: the order page and the e-mail speak Slovak and euro', async ({ page }) => {
  await openPage(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Katalóg' })).toBeVisible();
  const lamp = page.getByTestId('product-card').filter({ hasText: 'Stolová lampa' });
  await expect(lamp.locator('.product-card__price')).toHaveText(await euro(page, 39_90), { useInnerText: true });
  await lamp.getByRole('button', { name: 'Do košíka: Stolová lampa' }).click();
  await lamp.getByRole('link', { name: t('sk', 'catalog.view_cart') }).click();
  await expect(page.getByTestId('cart-line')).toContainText('Stolová lampa');
  await page.getByRole('link', { name: 'Pokračovať k objednávke' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kontaktné údaje' })).toBeVisible();

  await fillContact(page, jana, 'sk');
  await fillAddress(page, jana, 'sk');
  await expect(page.getByLabel(/Kuriérom až k dverám · Lynx Courier/)).toBeVisible();
  await chooseCourier(page, '18:00–22:00', jana, 'sk');
  await continueToPayment(page, 'sk');
  // What the store offers for a courier: a card now, or cash or a card at the door.
  await expect(page.getByLabel('Kartou online')).toBeVisible();
  await expect(page.getByLabel('Dobierka v hotovosti')).toBeVisible();
  await choosePayment(page, 'Kartou online', 'sk');
  // 39,90 € and 3,90 € for the courier.
  await expect(page.getByTestId('totals-total').first()).toHaveText(await euro(page, 43_80), { useInnerText: true });
  await placeOrder(page, 'sk');
  await expect(page.getByRole('heading', { name: 'Demo Bank · card payment' })).toBeVisible();
  await expect(page.getByText('EUR')).toContainText('43.80 EUR');
  await page.getByRole('button', { name: 'Approve' }).click();

  const heading = page.getByRole('heading', { level: 1, name: /^Objednávka \d+$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!.replace('Objednávka ', '');
  await expect(page.getByTestId('payment-status')).toContainText('Zaplatené. Ďakujeme!');
  await expect(page.getByTestId('totals-total')).toHaveText(await euro(page, 43_80), { useInnerText: true });
  await expect(page.getByTestId('delivery-address')).toContainText('Obchodná 5');
  await expectNoAxeViolations(page);

  // The store's e-mail, in its language and its money.
  const email = await orderEmail(number, 'created', SK);
  expect(email.subject).toBe(`Objednávka ${number} prijatá, čaká na platbu — Vitrina Demo Obchod`);
  expect(email.text).toContain('Ďakujeme, Jana Nováková!');
  expect(email.text).toContain('Stolová lampa (Grafitová), kód DELA-001: 1 × 39,90 € = 39,90 €');
  expect(email.text).toContain('Kartou online');
  expect(email.text).toContain('Kuriérom až k dverám, Lynx Courier');
  expect(email.text).toContain('Vrátane DPH 23 %');
  expect(email.text).not.toMatch(/₽|RUB|Pony Express/);
});

test('a pickup point of the store, paid in cash on delivery, is kept on the order', async ({ page }) => {
  await useCart(page, [['ceramic-mug-1', 2]]);
  await fillContact(page, jana, 'sk');
  await page.getByLabel('Mesto alebo obec').fill('Bratislava');
  await page.getByLabel('Výdajné miesto · Lynx Courier').check();
  const point = page.getByLabel(/Lynx Courier výdajné miesto Obchodná/);
  await expect(page.getByText('Po–Pi 08:00–20:00, So 09:00–14:00').first()).toBeVisible();
  await expect(page.getByText('Uloží sa na 5 dní').first()).toBeVisible();
  // A pickup asks for no street.
  await expect(page.getByLabel('Ulica, číslo domu a bytu')).toHaveCount(0);
  await point.check();
  await continueToPayment(page, 'sk');
  await choosePayment(page, 'Dobierka v hotovosti', 'sk');
  await placeOrder(page, 'sk');
  const heading = page.getByRole('heading', { level: 1, name: /^Objednávka \d+$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!.replace('Objednávka ', '');
  await expect(page.getByTestId('payment-status')).toContainText('Platba pri prevzatí.');
  await expect(page.getByTestId('order-pickup')).toContainText('Bratislava, Obchodná 12');
  // Two mugs at 7,90 € and the point's 1,99 €.
  await expect(page.getByTestId('totals-total')).toHaveText(await euro(page, 17_79), { useInnerText: true });
  const email = await orderEmail(number, 'created', SK);
  expect(email.text).toContain('Dobierka v hotovosti');
  expect(email.text).toContain('Bratislava, Obchodná 12');
});

test('an order is looked up by the store’s own number and the shopper’s e-mail', async ({ page, request }) => {
  const order = await placeByApi(request, janasOrder);
  await openPage(page, '/orders/lookup');
  await expect(page.getByRole('heading', { level: 1, name: 'Nájsť objednávku' })).toBeVisible();
  // The example is the store's (config.json's `order_number`), not one of the app's.
  const config = await (await request.get('/config.json')).json();
  await expect(page.getByText(`Napríklad ${config.order_number.example}.`)).toBeVisible();
  await page.getByLabel('Číslo objednávky').fill(order.number);
  await page.getByLabel('E-mail použitý pri objednávke').fill('niekto.iny@example.sk');
  await page.getByRole('button', { name: 'Nájsť objednávku' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Objednávku s týmto číslom a e-mailom sme nenašli.' })).toBeVisible();
  await page.getByLabel('E-mail použitý pri objednávke').fill('Jana@Example.sk');
  await page.getByRole('button', { name: 'Nájsť objednávku' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Objednávka ${order.number}`);
  await expect(page.getByTestId('payment-status')).toContainText('Platba pri prevzatí.');
});

test('a parcel of the store’s carrier is followed from the order page, with the carrier’s rules and no one else’s', async ({ page, request }) => {
  const order = await placeByApi(request, janasOrder);
  await setStatus(request, order.number, 'handed_to_carrier');
  await setStatus(request, order.number, 'with_courier');
  await page.goto(order.url);
  await expect(page.getByTestId('order-status')).toContainText('U kuriéra');
  const track = page.getByRole('link', { name: /^Sledovať zásielku LX\d{10} \(Lynx Courier\)$/ });
  await track.click();
  await expect(page).toHaveURL(/\/track\/LX\d{10}$/);
  await expect(page.locator('.shipment__id')).toContainText('Lynx Courier');
  await expect(page.getByTestId('shipment-state')).toContainText('U kuriéra: zásielka je na ceste k vám.');
  // The carrier's own words, marked as English, reported from Bratislava in its time.
  const events = page.getByTestId('tracking-event');
  await expect(events.first().locator('.event__status [lang]')).toHaveText('Out for delivery');
  await expect(events.first().locator('.event__status [lang]')).toHaveAttribute('lang', 'en');
  await expect(events.last()).toContainText('Picked up by courier');
  await expect(events.first()).toContainText('Bratislava');
  await expect(events.first().locator('.event__when')).toContainText('Europe/Bratislava');
  await expect(page.getByText('Neznámy stav')).toHaveCount(0);
  await expectNoAxeViolations(page);
  // A failed attempt at this carrier: it states no redelivery rules, so none is promised (the
  // Russian store's carrier promises three more tries and fifteen minutes at the door).
  await openPage(page, '/track/LX1000000003');
  const panel = page.getByTestId('attempts-panel');
  await expect(panel.getByRole('heading', { name: 'Kuriér zásielku nedoručil' })).toBeVisible();
  await expect(page.getByTestId('attempts-next')).toHaveCount(0);
  await expect(panel).not.toContainText('minút');
  await expect(page.getByTestId('offer-panel')).toHaveCount(0);
});

test('a seller of the store gets a message about an order, and both e-mails are the store’s, in Slovak', async ({ page, request }) => {
  const order = await placeByApi(request, janasOrder);
  // A signed-in customer is sent a confirmation of the message too.
  const session = await page.request.post('/api/session', { data: { email: 'shopper@example.com', password: 'demo' } });
  expect(session.ok(), await session.text()).toBeTruthy();
  await openPage(page, `/sellers/demo-seller/contact?order=${order.number}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kontaktovať predajcu' })).toBeVisible();
  await expect(page.getByTestId('seller-name')).toHaveText('Dielňa pod Hradom');
  await expect(page.getByLabel('Predmet')).toHaveValue(`Objednávka ${order.number}`);
  await expect(page.getByLabel('Váš e-mail na odpoveď')).toHaveValue('shopper@example.com');
  // The limits are the store's (config.json's `contact_limits`).
  await expect(page.getByText('môžete poslať najviac 3 správy za 15 minút')).toBeVisible();
  await page.getByLabel('Vaša správa').fill('Dobrý deň, môžem si lampu vyzdvihnúť v predajni na Panskej?');
  await page.getByRole('button', { name: 'Poslať správu' }).click();
  const receipt = page.getByTestId('contact-receipt');
  await expect(receipt).toContainText('Vaša správa bola doručená.');
  await expect(receipt).toContainText('Potvrdenie sme poslali na shopper@example.com.');
  const reference = (await receipt.getByTestId('contact-reference').innerText()).trim();
  await page.request.delete('/api/session');

  // This message's e-mails: their files carry its reference number.
  const mails = (await outbox(SK)).filter((e) => e.file.includes(reference));
  const toSeller = mails.find((e) => e.file.endsWith('-to-seller.eml'));
  expect(toSeller, 'the seller’s copy in the Slovak store’s outbox').toBeTruthy();
  expect(toSeller!.subject).toBe(`Objednávka ${order.number}`);
  expect(toSeller!.headers).toContain('Reply-To: <shopper@example.com>');
  // A seller who has not signed in yet reads the store's language.
  expect(toSeller!.text).toContain('Zákazník napísal predajcovi Dielňa pod Hradom cez kontaktný formulár obchodu Vitrina Demo Obchod.');
  expect(toSeller!.text).toContain(`K objednávke: ${order.number}`);
  const ack = mails.find((e) => e.file.endsWith('-acknowledgement.eml'));
  expect(ack, 'the acknowledgement in the Slovak store’s outbox').toBeTruthy();
  expect(ack!.subject).toBe(`Vaša správa pre Dielňa pod Hradom dorazila (číslo ${reference})`);
  expect(ack!.text).toContain(`Vaša správa „Objednávka ${order.number}“ pre Dielňa pod Hradom dorazila.`);
});

test('each country’s address form is the data set’s: Czechia’s fields are Slovakia’s with its own postcodes, Hungary asks the city first, Poland’s postcodes have a dash', async ({ page, request }) => {
  const config = await (await request.get('/config.json')).json();
  const format = (country: string) => config.address_formats.find((f: { country: string }) => f.country === country);
  await useCart(page, [['desk-lamp-1', 1]]);
  await fillContact(page, jana, 'sk');
  const country = page.getByLabel('Krajina');
  const postcode = page.getByLabel('PSČ');
  const wrong = page.getByText('PSČ nezodpovedá zvolenej krajine.');
  /** The place's fields as the form asks them, in its order (the street comes with a courier). */
  const placeFields = () => page.locator('fieldset[aria-describedby="place-hint"] input').evaluateAll((els) => els.map((e) => e.id));

  // The form follows the data set for every country the store ships to.
  for (const code of config.countries as string[]) {
    await country.selectOption(code);
    const expected = format(code).fields.map((f: { field: string }) => f.field).filter((f: string) => f !== 'street');
    await expect.poll(placeFields, { message: `the place fields of ${code}` }).toEqual(expected);
    await expect(postcode).toHaveAccessibleDescription(`Napríklad ${format(code).postcode_examples[0]}`);
  }

  // Slovakia and Czechia: the data set gives both the postcode before the city, the same
  // labels and the pattern `000 00`; what differs is each one's own postcodes.
  await country.selectOption('SK');
  await expect.poll(placeFields).toEqual(['postcode', 'city']);
  await expect(postcode).toHaveAccessibleDescription('Napríklad 010 01');
  await country.selectOption('CZ');
  await expect.poll(placeFields).toEqual(['postcode', 'city']);
  await expect(postcode).toHaveAccessibleDescription('Napríklad 100 00');
  await postcode.fill('1100');
  await postcode.blur();
  await expect(wrong.first()).toBeVisible();
  await postcode.fill('110 00');
  await postcode.blur();
  await expect(wrong).toHaveCount(0);

  // Hungary writes the city first; Poland's postcodes are `00-000`, and Czechia's is no Polish one.
  await country.selectOption('HU');
  await expect.poll(placeFields).toEqual(['city', 'postcode']);
  await country.selectOption('PL');
  // The Czech postcode stays, and is checked by Poland's pattern at once.
  await expect(postcode).toHaveValue('110 00');
  await expect(postcode).toHaveAccessibleDescription(/^Napríklad 00-950/);
  await expect(wrong.first()).toBeVisible();
  await postcode.fill('00-950');
  await postcode.blur();
  await expect(wrong).toHaveCount(0);
});

test('a browser without JavaScript is told what the store needs, in the store’s language', async ({ request }) => {
  for (const path of ['/', '/track', '/orders/lookup', '/sign-in']) {
    const html = await (await request.get(path)).text();
    expect(html, path).toMatch(/<html[^>]* lang="sk">/);
    expect(html, path).toMatch(/<noscript><p class="page" data-i18n="app.needs_script">Na fungovanie obchodu je potrebný JavaScript a WebAssembly.<\/p><\/noscript>/);
  }
});
