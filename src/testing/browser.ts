// Debian's Chromium driven by playwright-core (notes/browser-tests.md): no browser download, flags
// that keep it off the network. launch() gives every run a fresh temporary profile (Playwright
// refuses --user-data-dir there).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['IDTRAIL_CHROMIUM'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Where screenshots go; printed by the tests so a human can look at them. */
export function screenshotDir(): string {
  const dir = resolve(process.env['IDTRAIL_SCREENSHOTS'] ?? 'test-output/screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
