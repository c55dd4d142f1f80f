// Lighthouse (mobile profile, simulated throttling) on the app's routes, each run a few times and
// reported by its median, with what Lighthouse took as the largest contentful paint and what
// shifted. `make bench` uses it; alone, against a running server:
//   BENCH_URL=http://127.0.0.1:8080 node bench/lighthouse.mjs [--runs 5] / /track/PX1000000001 order checkout
// (`order` stands for a freshly placed order's page, `checkout` for its first step with a cart).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoOrder, shopperCart } from './setup.mjs';

const CHROME = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** One Lighthouse run's numbers, the LCP element and the elements that shifted. */
function summary(lhr) {
  const audits = lhr.audits;
  const lcpNode = audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  const shifts = (audits['layout-shifts']?.details?.items ?? []).map((s) => ({ score: round(s.score, 3), element: s.node?.selector ?? s.node?.snippet ?? '?' }));
  return {
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
    fcpMs: Math.round(audits['first-contentful-paint'].numericValue),
    lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(audits['total-blocking-time'].numericValue),
    cls: round(audits['cumulative-layout-shift'].numericValue, 3),
    lcpElement: lcpNode ? `${lcpNode.selector} "${(lcpNode.nodeLabel ?? '').slice(0, 60)}"` : '-',
    shifts,
    failedAccessibility: Object.values(audits).filter((a) => a.score === 0 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id)).map((a) => a.id),
  };
}

/** How Lighthouse slows the page to a phone's: `simulate` (its default, and the budget's: a fast
 * load replayed through a model of the network and CPU) or `devtools` (the page really loaded
 * over a throttled network and CPU, its paints as they happened): BENCH_LIGHTHOUSE_THROTTLING. */
const THROTTLING = process.env.BENCH_LIGHTHOUSE_THROTTLING || 'simulate';

/** Puts `entries` in `base`'s local storage in the browser Lighthouse drives (a null value:
 * takes the key out); before a run (`cold`), also empties its HTTP cache, so the page is loaded
 * cold but with the visitor's storage. */
async function keepLocal(port, base, entries, cold) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    const page = await context.newPage();
    await page.goto(`${base}/robots.txt`);
    await page.evaluate((e) => {
      for (const [key, value] of Object.entries(e)) value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value);
    }, entries);
    if (cold) await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    await page.close();
  } finally {
    await browser.close();
  }
}

/** Each route `runs` times (rounds over all routes, so a busy moment of the machine is spread), each number the median. */
export async function lighthouseRuns(base, routes, runs = 3) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', ...FLAGS] });
  const all = new Map(routes.map(([name]) => [name, []]));
  try {
    for (let i = 0; i < runs; i++) {
      // A route's third part is its visitor: a session's cookie, for a page only someone signed
      // in is shown; local storage, for a page only a shopper with a cart is shown.
      for (const [name, path, { cookie, local } = {}] of routes) {
        if (local) await keepLocal(chrome.port, base, local, true);
        const run = await lighthouse(`${base}${path}`, {
          port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], throttlingMethod: THROTTLING,
          ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
          // Lighthouse empties the origin's storage before it loads the page, cache and all; the
          // storage is kept here, and the cache emptied by keepLocal.
          ...(local ? { disableStorageReset: true } : {}),
        });
        // Lighthouse leaves local storage as it was: the next route's visitor has no cart.
        if (local) await keepLocal(chrome.port, base, Object.fromEntries(Object.keys(local).map((key) => [key, null])), false);
        all.get(name).push(summary(run.lhr));
        // BENCH_LIGHTHOUSE_SAVE=dir keeps each run's whole report (for Lighthouse's viewer).
        if (process.env.BENCH_LIGHTHOUSE_SAVE) {
          mkdirSync(process.env.BENCH_LIGHTHOUSE_SAVE, { recursive: true });
          writeFileSync(join(process.env.BENCH_LIGHTHOUSE_SAVE, `${name.replace(/[^a-z0-9]+/gi, '-')}-${i + 1}.json`), JSON.stringify(run.lhr));
        }
      }
    }
  } finally {
    await chrome.kill();
  }
  return routes.map(([name]) => {
    const rs = all.get(name);
    const mid = (key) => median(rs.map((r) => r[key]));
    // The LCP element and the shifts of the run whose LCP is the median (or nearest it).
    const typical = rs.reduce((best, r) => (Math.abs(r.lcpMs - mid('lcpMs')) < Math.abs(best.lcpMs - mid('lcpMs')) ? r : best));
    return {
      route: name, runs: rs.length,
      performance: mid('performance'), accessibility: mid('accessibility'), fcpMs: mid('fcpMs'), lcpMs: mid('lcpMs'), tbtMs: mid('tbtMs'), cls: mid('cls'),
      lcpAll: rs.map((r) => r.lcpMs), clsAll: rs.map((r) => r.cls), performanceAll: rs.map((r) => r.performance),
      lcpElement: typical.lcpElement, shifts: typical.shifts,
      failedAccessibility: [...new Set(rs.flatMap((r) => r.failedAccessibility))],
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let runs = 3;
  const at = args.indexOf('--runs');
  if (at >= 0) runs = Number(args.splice(at, 2)[1]);
  const base = process.env.BENCH_URL ?? 'http://127.0.0.1:8080';
  const routes = [];
  for (const path of args) {
    if (path === 'order') routes.push([path, await demoOrder()]);
    else if (path === 'checkout') routes.push([path, '/checkout/contact', { local: await shopperCart() }]);
    else routes.push([path, path]);
  }
  for (const r of await lighthouseRuns(base, routes, runs)) {
    console.log(`${r.route}: perf ${r.performance} (${r.performanceAll.join(' ')}), FCP ${r.fcpMs}, LCP ${r.lcpMs} ms (${r.lcpAll.join(' ')}), TBT ${r.tbtMs}, CLS ${r.cls} (${r.clsAll.join(' ')})`);
    console.log(`  LCP element: ${r.lcpElement}`);
    for (const s of r.shifts) console.log(`  shift ${s.score}: ${s.element}`);
  }
}
