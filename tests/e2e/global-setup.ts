import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe } from './support/serve';

/**
 * One `ff serve` for the run, on a free port with a temp data dir. Specs read its URL (with token) from
 * FF_E2E_URL. Returns the teardown, which stops the server and removes the data dir.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-'));
  const serve = await startServe(dataDir);
  process.env.FF_E2E_URL = serve.url;
  process.env.FF_E2E_ORIGIN = serve.origin;
  process.env.FF_E2E_DATA_DIR = dataDir;
  return async () => {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
