import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { placeOrder } from './orders';
import { useCart, fillContact, fillAddress, chooseCourier, continueToPayment, acceptConsents, shopper } from './shop';
import { LANGS, t } from './words';

/**
 * Every page on a small phone (360 px wide) in each of the four languages: nothing sticks out
 * sideways and no word is broken in two by the layout, and the header takes little height (in
 * checkout only the store's name, the cart and the language).
 */

test.use({ viewport: { width: 360, height: 740 } });

/** What, on the page as it is, sticks out of the screen or is broken inside a word. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    // Out of sight on purpose: the text for screen readers and the skip link until it is focused.
    const hidden = (el: Element) => el.closest('.visually-hidden, .skip-link, [hidden], [aria-hidden="true"], script, style, template, noscript') !== null;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px for ${width}`);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (hidden(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 0.5 || box.left < -0.5) problems.push(`${name(el)} reaches ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const parent = node.parentElement;
      if (!parent || hidden(parent) || parent.closest('select, option, input, textarea')) continue;
      for (const token of node.data.matchAll(/\S+/g)) {
        // An address, a web link or a code (`contact@severny-veter.example`, `PX1000000001`)
        // may break where it must; a word may not.
        if (/[@/_]|\p{L}\.\p{L}|\d/u.test(token[0])) continue;
        // Runs of letters only: a line may end after a hyphen, not inside a word.
        for (const word of token[0].matchAll(/[\p{L}\p{M}’']{2,}/gu)) {
          const start = token.index + word.index;
          range.setStart(node, start);
          range.setEnd(node, start + word[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
          if (lines.size > 1) problems.push(`“${word[0]}” is broken across lines in ${name(parent)}`);
        }
      }
    }
    return problems;
  });
}

async function expectFits(page: Page, what: string) {
  // The app has taken over from the page as sent, and its heading is on screen.
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  await expect(page.locator('h1')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(await layoutProblems(page), `${what} at 360 px`).toEqual([]);
}

/** The header's height on screen, in CSS pixels. */
async function headerHeight(page: Page) {
  return (await page.locator('header.site-header').boundingBox())?.height ?? Infinity;
}

for (const lang of LANGS) {
  test.describe(`at 360 px in ${lang}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((tag) => localStorage.setItem('vitrina.locale', tag), lang);
    });

    test('the shop, the cart and every checkout step fit, and checkout shows only the store, the cart and the language', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('product-card').first()).toBeVisible();
      await expectFits(page, 'the catalogue');
      // Two rows at most: the store's name with the cart, then the links and the language.
      expect(await headerHeight(page), 'the header on a phone').toBeLessThanOrEqual(120);

      await useCart(page, [['linen-shirt-2', 2], ['ceramic-mug-1', 1]]);
      await page.goto('/cart');
      await expect(page.getByRole('heading', { level: 1, name: t(lang, 'cart.title') })).toBeVisible();
      await expectFits(page, 'the cart');

      await page.goto('/checkout/contact');
      await expectFits(page, 'the contact step');
      const header = page.locator('header.site-header');
      await expect(header.getByRole('link', { name: t(lang, 'nav.track') })).toBeHidden();
      await expect(header.getByRole('link', { name: t(lang, 'nav.orders') })).toBeHidden();
      await expect(header.getByRole('link', { name: new RegExp(t(lang, 'nav.cart')) })).toBeVisible();
      await expect(header.getByRole('combobox')).toBeVisible();
      expect(await headerHeight(page), 'the checkout’s header on a phone').toBeLessThanOrEqual(84);

      await fillContact(page, shopper, lang);
      await fillAddress(page, shopper, lang);
      await chooseCourier(page, '09:00–13:00', shopper, lang);
      await expectFits(page, 'the delivery step');
      await continueToPayment(page, lang);
      await expectFits(page, 'the payment step');
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: t(lang, 'checkout.payment.continue') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t(lang, 'checkout.review.title') })).toBeVisible();
      await acceptConsents(page, lang);
      await expectFits(page, 'the review step');
    });

    test('an order’s page, its lookup, tracking and a parcel’s journey fit', async ({ page }) => {
      const order = await placeOrder(page.request, { locale: lang });
      await page.goto(order.url);
      await expect(page.getByText(order.number).first()).toBeVisible();
      await expectFits(page, 'the order page');
      await page.goto('/orders');
      await expectFits(page, 'the order lookup');
      await page.goto('/track');
      await expectFits(page, 'the tracking lookup');
      await page.goto('/track/PX1000000001');
      await expect(page.getByTestId('phase-bar')).toBeVisible();
      await expectFits(page, 'a parcel’s journey');
      // A parcel waiting at a pickup point and one going back: the bar's longest labels.
      for (const number of ['PX1000000008', 'PX1000000003']) {
        await page.goto(`/track/${number}`);
        await expect(page.getByTestId('phase-bar')).toBeVisible();
        await expectFits(page, `parcel ${number}’s journey`);
      }
    });

    test('a seller’s contact page and signing in fit', async ({ page }) => {
      await page.goto('/sellers/demo-seller/contact');
      await expect(page.getByTestId('seller-name')).toBeVisible();
      await expectFits(page, 'the seller’s contact page');
      await page.goto('/sign-in');
      await expectFits(page, 'signing in');
    });
  });
}

// One sign-in for the four languages: the seller's sign-ins are limited (10 in 15 minutes), and
// the contact suite signs the same seller in on this backend.
test('the seller’s editor fits at 360 px in every language', async ({ page }) => {
  const signedIn = await page.request.post('/api/session', { data: { email: 'seller@example.com', password: 'demo' } });
  expect(signedIn.ok()).toBeTruthy();
  for (const lang of LANGS) {
    await page.goto('/');
    await page.evaluate((tag) => localStorage.setItem('vitrina.locale', tag), lang);
    await page.goto('/seller/contact');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('form').first()).toBeVisible();
    await expectFits(page, `the seller’s editor in ${lang}`);
  }
});
