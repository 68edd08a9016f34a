import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const chromiumLaunchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * The Chromium to drive: FF_CHROMIUM_PATH, then PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, then Debian's
 * /usr/bin/chromium, then Playwright's own cache. Undefined lets Playwright report what is missing.
 */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const candidate of [
    env.FF_CHROMIUM_PATH,
    env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
    '/usr/bin/chromium',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return fromPlaywrightCache(
    env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright'),
  );
}

function fromPlaywrightCache(root: string): string | undefined {
  if (!existsSync(root)) return undefined;
  const builds = readdirSync(root)
    .filter((name) => name.startsWith('chromium-'))
    .sort()
    .reverse();
  for (const build of builds) {
    for (const relative of [
      'chrome-linux/chrome',
      'chrome-linux64/chrome',
      'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
    ]) {
      const candidate = path.join(root, build, relative);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
