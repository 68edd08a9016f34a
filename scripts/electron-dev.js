#!/usr/bin/env node
// `npm run dev`: the desktop app with hot reload. The Electron binary is not downloaded at install time
// (installs must work offline with ELECTRON_SKIP_BINARY_DOWNLOAD=1), so fetch it on first use; then build
// the native modules for Electron's ABI and start electron-vite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('Downloading the Electron binary (first run)…');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  run(process.execPath, [path.join(electronDir, 'install.js')], env);
}
console.log('Building native modules for Electron…');
run('npx', ['electron-builder', 'install-app-deps']);
console.log(
  'Note: better-sqlite3 is now built for Electron; `npm test` and `ff serve` rebuild it for Node when needed.',
);
run('npx', ['electron-vite', 'dev', ...process.argv.slice(2)]);
