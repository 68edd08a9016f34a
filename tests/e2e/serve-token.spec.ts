import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { expectOnline, openApp, serveUrl } from './support/app';

/**
 * A second server on another port of the same host stands in for a workspace's dev server (whose code agents
 * write). Browsers send cookies by host, not port, so the token must not be a cookie.
 */
async function startOtherServer() {
  const received: IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    // It also tries to plant a malformed token cookie for the whole host.
    res
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
        'Set-Cookie': 'ff_token=%; Path=/',
      })
      .end('<!doctype html><title>dev server</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('the token never reaches another port of the host, and a reload of the tab stays online', async ({
  page,
  context,
}, testInfo) => {
  const token = new URL(serveUrl()).searchParams.get('token')!;
  const other = await startOtherServer();
  try {
    await openApp(page);
    expect(page.url()).not.toContain('token');

    // The dev server opened in a tab of the same browser, and its page fetching from it. (The UI's own page
    // cannot reach other origins at all: its CSP allows connections to itself only.)
    const devTab = await context.newPage();
    await devTab.goto(`${other.url}/`);
    const fetched = await devTab.evaluate(
      (url) => fetch(url, { credentials: 'include' }).then((r) => r.text()),
      `${other.url}/from-dev-page`,
    );
    expect(fetched).toContain('dev server');
    expect(other.received.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(other.received)).not.toContain(token);
    expect((await context.cookies()).map((c) => c.value)).not.toContain(token);

    // The planted cookie now rides on every request to the UI's port too; the UI must not care.
    await page.reload();
    await expectOnline(page);
    expect(page.url()).not.toContain('token');
    await page.screenshot({ path: testInfo.outputPath('reloaded.png') });
  } finally {
    await other.close();
  }
});

test('a tab opened without the token loads the page but cannot connect', async ({ page }) => {
  await page.goto(new URL(serveUrl()).origin);
  await expect(page.getByRole('status', { name: 'Connection offline' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection offline' })).toHaveAttribute(
    'title',
    /No access token/,
  );
});
