import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Every test watches the browser console: a panic in the app (which aborts the wasm), an
 * uncaught exception, or any console error fails the test. The browser's own "Failed to load
 * resource" lines are expected where a test makes the backend fail on purpose.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
  page: async ({ page }, use) => {
    await use(page);
  },
});

test.beforeEach(async ({ consoleErrors }) => {
  // Requesting the fixture turns the console watch on for every test.
  void consoleErrors;
});

export { expect };

/** Fails with a readable list when axe-core finds WCAG 2.1 A/AA violations on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Waits until the app has replaced the static shell (whose elements are marked `data-shell`)
 * and shows the page's heading. */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#app > [data-shell]')).toHaveCount(0);
  await expect(page.locator('h1')).toBeVisible();
}

/** The element in which the reference server writes `config.json` into each page. */
const INLINED_CONFIG = /(<script type="application\/json" id="vitrina-config">)([\s\S]*?)(<\/script>)/;

/** Rewrites the configuration written into every page of the app (documents only). */
async function rewritePages(page: Page, rewrite: (json: string) => string) {
  await page.route((url) => !url.pathname.includes('.') && !url.pathname.startsWith('/api/'), async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const html = (await response.text()).replace(INLINED_CONFIG, (_all, open, json, close) => `${open}${rewrite(json)}${close}`);
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !['content-encoding', 'content-length', 'etag'].includes(name)));
    await route.fulfill({ status: response.status(), headers, body: html });
  });
}

/**
 * Changes the app's configuration for this page: `edit` is applied to `config.json` wherever the
 * app reads it, written into the page by the server or fetched (as from a host that serves the
 * page as built).
 */
export async function editConfig(page: Page, edit: (config: Record<string, unknown>) => Record<string, unknown>) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: edit(await response.json()) });
  });
  await rewritePages(page, (json) => (json.trim() ? JSON.stringify(edit(JSON.parse(json))).replace(/</g, '\\u003c') : json));
}

/** Serves the pages as built, without the configuration the server writes in: the app fetches `config.json`. */
export async function withoutInlinedConfig(page: Page) {
  await rewritePages(page, () => '');
}

/** Makes the first request to `url` reach the backend, which carries it out, and loses its
 * answer on the way back (the connection reset); later ones go through. Returns the
 * `Idempotency-Key` each request carried, in order, as they come. */
export async function loseFirstAnswer(page: Page, url: RegExp): Promise<string[]> {
  const keys: string[] = [];
  await page.route(url, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length > 1) return route.fallback();
    await route.fetch();
    await route.abort('connectionreset');
  });
  return keys;
}
