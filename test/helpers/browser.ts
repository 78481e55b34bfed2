import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

/** Debian's Chromium with the flags a machine without network needs. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // launch() already gives every browser a fresh temporary profile
    // (--user-data-dir), which Playwright insists on managing itself.
  });
}
