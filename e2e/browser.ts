// What every Playwright suite here shares about the browser: Debian's Chromium (Playwright never
// downloads one), the shopper's locale and zone, traces of failures, and time limits per step.
export const browserUse = {
  locale: 'en-GB',
  timezoneId: 'Europe/Moscow',
  trace: 'retain-on-failure' as const,
  // A click or a navigation that never finishes fails where it stuck, not at the test's end.
  actionTimeout: 20_000,
  navigationTimeout: 30_000,
  launchOptions: {
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
};
