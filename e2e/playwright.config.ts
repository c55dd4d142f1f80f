import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { browserUse } from './browser';

// `scripts/test-e2e.sh` picks free ports and a fresh directory for the databases and outboxes.
const port = Number(process.env.VITRINA_PORT ?? 18080);
// The fault-injection suite has a backend of its own: it sends messages and saves settings many
// times over, which must not meet the other suites' rate limits, clock moves and edits.
const faultsPort = Number(process.env.VITRINA_FAULTS_PORT ?? port + 1);
// The second demo store (`--store sk`: euros, Slovak, Lynx Courier), served by the same build.
const skPort = Number(process.env.VITRINA_SK_PORT ?? port + 2);
const varDir = process.env.VITRINA_VAR ?? path.resolve(__dirname, '../var/e2e');
const server = process.env.VITRINA_SERVER ?? path.resolve(__dirname, '../target/debug/vitrina-server');
const dist = path.resolve(__dirname, '../dist');

// The demo gateway as `make run` has it; the suites place far more orders from one address
// than a shopper would, so the order limit is raised (its 429 is shown by the host tests).
function backend(port: number, dir: string, store = 'ru') {
  fs.mkdirSync(dir, { recursive: true });
  return {
    command: `"${server}" --store ${store} --port ${port} --db "${dir}/store.sqlite" --dist "${dist}" --outbox "${dir}/outbox" --test-hooks --no-auto-progress --demo-gateway --order-limit 1000`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two for the shop's suites and up to three for the fault injection beside them: it mostly
  // waits (for retries, time limits), so its browsers cost little.
  workers: 4,
  retries: 0,
  reporter: [['list'], ['./reporters/robustness-summary.ts']],
  use: { ...browserUse, baseURL: `http://127.0.0.1:${port}` },
  projects: [
    { name: 'shop', testIgnore: /(faults|contact|orders|emails|store-sk)\.spec\.ts$/, workers: 2 },
    // The orders and contact suites move the server's clock (and the contact suite edits the
    // demo seller), which the other suites on that backend read (delivery dates, return windows,
    // payment deadlines, the seller's card): they run after them and after each other, never
    // beside anything.
    { name: 'orders', testMatch: /(orders|emails)\.spec\.ts$/, workers: 1, dependencies: ['shop'] },
    { name: 'contact', testMatch: /contact\.spec\.ts$/, workers: 1, dependencies: ['orders'] },
    // A shopper whose browser asks for a language the store does not name first: the store's own
    // default (Slovak) is what the page opens in.
    { name: 'store-sk', testMatch: /store-sk\.spec\.ts$/, workers: 1, use: { baseURL: `http://127.0.0.1:${skPort}`, locale: 'de-AT' } },
    { name: 'faults', testMatch: /faults\.spec\.ts$/, workers: 3, use: { baseURL: `http://127.0.0.1:${faultsPort}` } },
  ],
  webServer: [backend(port, varDir), backend(faultsPort, `${varDir}/faults`), backend(skPort, `${varDir}/sk`, 'sk')],
});
