// Shared pieces of the end-to-end tests: where the demo runs and how to start Debian's Chromium.
import { chromium, type Browser } from "playwright-core";

/** The demo pages are opened from this origin while the widget calls http://localhost:8787: cross-origin, as on a real site. */
export const DEMO_ORIGIN = "http://127.0.0.1:8787";
export const API_ORIGIN = "http://localhost:8787";
export const PORT = 8787;

export const CHROMIUM_PATH = process.env.PALABRE_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_MISSING = `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests drive a real browser:
install Debian's package with \`sudo apt-get install -y chromium\`, or point PALABRE_CHROMIUM at a Chromium binary.`;

/** Playwright gives every launch a fresh, empty profile directory (it refuses --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
}
