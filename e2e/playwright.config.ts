import { defineConfig } from '@playwright/test';
import path from 'node:path';

// `scripts/test-e2e.sh` picks a free port and a fresh directory for the database and outbox.
const port = Number(process.env.VITRINA_PORT ?? 18080);
const varDir = process.env.VITRINA_VAR ?? path.resolve(__dirname, '../var/e2e');
const server = process.env.VITRINA_SERVER ?? path.resolve(__dirname, '../target/debug/vitrina-server');
const dist = path.resolve(__dirname, '../dist');

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-GB',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `"${server}" --port ${port} --db "${varDir}/store.sqlite" --dist "${dist}" --outbox "${varDir}/outbox" --test-hooks --no-auto-progress`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
