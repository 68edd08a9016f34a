import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './support/serve';

test('the top bar shows the connection going offline when the server goes away', async ({
  page,
}, testInfo) => {
  // A server of its own, so stopping it does not disturb the other specs.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-conn-'));
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.url);
    await expect(page.getByRole('status', { name: 'Connection online' })).toBeVisible();
    await serve.stop();
    await expect(page.getByRole('status', { name: 'Connection offline' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reconnect' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('offline.png') });
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
