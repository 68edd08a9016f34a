#!/usr/bin/env node
// better-sqlite3 is built against one V8 ABI at a time. After `npm run dev` (Electron's ABI), plain Node
// (`ff serve`, the tests) needs it rebuilt; do that once, visibly.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(String(error?.message)))
    throw error;
  console.log('better-sqlite3 was built for another runtime (Electron); rebuilding it for Node…');
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exit(r.status ?? 1);
}
