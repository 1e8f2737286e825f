import { type Browser, chromium } from 'playwright';

/** Debian's Chromium with the flags that keep it quiet on a closed network (toolchain notes §10). */
export const CHROMIUM_LAUNCH = {
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
};

/** Launches headless Chromium for a Node-side test that drives real pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ headless: true, ...CHROMIUM_LAUNCH });
}
