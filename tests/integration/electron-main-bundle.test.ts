import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureMainBundle, type FakeElectronApp, launchWithFakeElectron } from '../helpers/fake-electron-app';

// The built Electron entry (out/main/index.js), loaded in plain Node with a fake `electron` that records calls.
let running: FakeElectronApp[] = [];

function launch(env: Record<string, string> = {}): FakeElectronApp {
  const app = launchWithFakeElectron(env);
  running.push(app);
  return app;
}

async function windowCreated(app: FakeElectronApp): Promise<void> {
  await expect.poll(() => app.callsTo('BrowserWindow.loadURL').length, { timeout: 30_000 }).toBe(1);
}

beforeAll(() => {
  ensureMainBundle();
}, 300_000);

afterEach(async () => {
  for (const app of running) {
    if (app.child.exitCode === null) app.child.kill('SIGKILL');
    await app.exited;
    rmSync(app.userData, { recursive: true, force: true });
  }
  running = [];
});

describe('the built Electron main bundle', () => {
  it('takes the single-instance lock and opens an isolated, sandboxed window on the app', async () => {
    const app = launch();
    await windowCreated(app);
    expect(app.callsTo('app.requestSingleInstanceLock')).toHaveLength(1);
    const [options] = app.callsTo('BrowserWindow.new')[0] as [{ webPreferences: Record<string, unknown> }];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
    expect(String(options.webPreferences.preload)).toMatch(/out\/preload\/index\.cjs$/);
    expect(String(app.callsTo('BrowserWindow.loadURL')[0]?.[0])).toMatch(
      /^file:.*out\/renderer\/index\.html$/,
    );
  });

  it('a second instance quits without opening a window or a core', async () => {
    const app = launch({ FAKE_ELECTRON_SECOND_INSTANCE: '1' });
    expect(await app.exited).toBe(0);
    expect(app.callsTo('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(app.callsTo('BrowserWindow.new')).toHaveLength(0);
  });

  it('sends the strict CSP and grants only the permissions the app uses', async () => {
    const app = launch();
    await windowCreated(app);
    const { responseHeaders } = await app.request<{ responseHeaders: Record<string, string[]> }>('headers', {
      responseHeaders: { 'X-Other': ['kept'] },
    });
    expect(responseHeaders['X-Other']).toEqual(['kept']);
    const [csp] = responseHeaders['Content-Security-Policy'] ?? [];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(await app.request('permission', { permission: 'notifications' })).toBe(true);
    expect(await app.request('permission', { permission: 'media' })).toBe(false);
    expect(await app.request('permission', { permission: 'geolocation' })).toBe(false);
  });

  it('blocks navigation away from the app and opens only web links outside it', async () => {
    const app = launch();
    await windowCreated(app);
    const navigate = (url: string) =>
      app.request<{ defaultPrevented: boolean }>('emit', {
        target: 'webContents:0',
        event: 'will-navigate',
        args: [url],
      });
    expect(await navigate('https://evil.example/')).toEqual({ defaultPrevented: true });
    expect(await navigate('file:///etc/passwd')).toEqual({ defaultPrevented: true });
    const appUrl = String(app.callsTo('BrowserWindow.loadURL')[0]?.[0]);
    expect(await navigate(appUrl)).toEqual({ defaultPrevented: false });

    expect(await app.request('windowOpen', { url: 'https://github.com/acme/widgets' })).toEqual({
      action: 'deny',
    });
    expect(await app.request('windowOpen', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(app.callsTo('shell.openExternal')).toEqual([['https://github.com/acme/widgets']]);
  });

  it('quitting stops the core before the process exits', async () => {
    const app = launch();
    await windowCreated(app);
    await app.request('quit');
    expect(await app.exited).toBe(0);
    // The first quit was held back for the core's dispose; the second went through.
    expect(app.callsTo('app.quit').length).toBeGreaterThanOrEqual(2);
    const log = readFileSync(path.join(app.userData, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('Core shutting down');
  });
});
