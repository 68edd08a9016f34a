import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Factory Factory's package.json, found upward from this module: the repository in
 * development and tests, the app folder (or asar) when bundled.
 */
function findAppRoot(): { root: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'factory-factory') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // keep looking upward
    }
    dir = path.dirname(dir);
  }
  return { root: process.cwd(), version: '0.0.0' };
}

const found = findAppRoot();
export const APP_ROOT = found.root;
export const APP_VERSION = found.version;
