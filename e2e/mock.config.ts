import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { browserUse } from './browser';

// The app against a backend nobody here wrote: Prism's mock of `openapi.json` (dynamic answers
// drawn from the schemas), with the app's files on a static host of their own, as any deployment
// would serve them. `scripts/test-mock.sh` picks the free ports.
const port = Number(process.env.VITRINA_MOCK_APP_PORT ?? 18180);
const prismPort = Number(process.env.VITRINA_MOCK_API_PORT ?? 18181);
const root = path.resolve(__dirname, '..');

export default defineConfig({
  testDir: './mock',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list'], ['./reporters/robustness-summary.ts']],
  use: { ...browserUse, baseURL: `http://127.0.0.1:${port}` },
  webServer: [
    {
      command: `npx --no-install prism mock --dynamic --host 127.0.0.1 --port ${prismPort} "${root}/openapi.json"`,
      url: `http://127.0.0.1:${prismPort}/api/health`,
      env: { SCARF_ANALYTICS: 'false' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node "${__dirname}/mock/static-server.mjs" ${port} "${root}/dist" http://127.0.0.1:${prismPort}/api`,
      url: `http://127.0.0.1:${port}/config.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
