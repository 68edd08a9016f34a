import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe } from './support/serve';

/**
 * Terminals run the user's login shell, which would read the developer's dotfiles (slow or broken rc files
 * make terminal tests slow or flaky). The server gets a HOME of its own, with just a git identity for commits.
 */
function hermeticHome(dataDir: string): NodeJS.ProcessEnv {
  const home = path.join(dataDir, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    path.join(home, '.gitconfig'),
    '[user]\n\tname = Factory Factory E2E\n\temail = e2e@example.com\n',
  );
  return { HOME: home, SHELL: '/bin/bash' };
}

/**
 * One `ff serve` for the run, on a free port with a temp data dir. Specs read its URL (with token) from
 * FF_E2E_URL. Returns the teardown, which stops the server and removes the data dir.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-'));
  const serve = await startServe(dataDir, { env: hermeticHome(dataDir) });
  process.env.FF_E2E_URL = serve.url;
  process.env.FF_E2E_ORIGIN = serve.origin;
  process.env.FF_E2E_DATA_DIR = dataDir;
  return async () => {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
