/**
 * Debian's Chromium driven by playwright-core, with the flags Pixi's WebGL needs on a machine without a
 * GPU (../shared/BROWSER-TESTING.md): software WebGL through SwiftShader, no background networking.
 * Install it with `apt-get install -y chromium` (.ci/run does); CHROMIUM overrides the path.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with 'apt-get install -y chromium' (or set CHROMIUM)`);
  // playwright-core gives every launch a fresh temporary profile.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
