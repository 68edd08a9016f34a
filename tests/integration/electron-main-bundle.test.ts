import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../fixtures/repo-builders';
import { ensureMainBundle, type FakeElectronApp, launchWithFakeElectron } from '../helpers/fake-electron-app';

// The built Electron entry (out/main/index.js), loaded in plain Node with a fake `electron` that records calls.
let running: FakeElectronApp[] = [];

function launch(env: Record<string, string> = {}): FakeElectronApp {
  const app = launchWithFakeElectron(env);
  running.push(app);
  return app;
}

async function windowCreated(app: FakeElectronApp): Promise<void> {
  await expect
    .poll(() => app.callsTo('BrowserWindow.loadURL').length, {
      timeout: 60_000,
      message: `no window; stderr: ${app.stderr()}`,
    })
    .toBe(1);
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

type MenuItem = { label?: string; type?: string; enabled?: boolean };
const FAKE_AGENT = path.resolve(import.meta.dirname, '../fixtures/fake-acp-agent/main.mjs');

/** The labels of the tray's current menu ("(off)" marks a disabled item). */
async function trayLabels(app: FakeElectronApp): Promise<string[]> {
  const menu = await app.request<MenuItem[] | null>('trayMenu');
  return (menu ?? []).map((i) =>
    i.type === 'separator' ? '---' : `${i.label}${i.enabled === false ? ' (off)' : ''}`,
  );
}

const rpc = <T = unknown>(app: FakeElectronApp, path: string[], input?: unknown) =>
  app.request<T>('rpc', { path, input });

/** Waits until the entity the procedure returns has the status. */
async function untilStatus(
  app: FakeElectronApp,
  path: string[],
  input: unknown,
  status: string,
): Promise<void> {
  const current = async () => (await rpc<{ status: string }>(app, path, input)).status;
  await expect.poll(current, { timeout: 30_000 }).toBe(status);
}

/** A READY workspace whose fake agent keeps its turn running until it is cancelled; returns the session id. */
async function startWorkingAgent(app: FakeElectronApp): Promise<string> {
  await rpc(app, ['settings', 'update'], {
    providers: {
      fake: {
        command: process.execPath,
        args: [FAKE_AGENT],
        env: { FAKE_ACP_SCRIPT: JSON.stringify({ default: [{ waitForCancel: true }] }) },
      },
    },
  });
  const project = await rpc<{ id: string }>(app, ['projects', 'add'], { path: makeRepo() });
  const workspace = await rpc<{ id: string }>(app, ['workspaces', 'create'], {
    projectId: project.id,
    name: 'Long task',
  });
  await untilStatus(app, ['workspaces', 'get'], { id: workspace.id }, 'READY');
  const session = await rpc<{ id: string }>(app, ['sessions', 'create'], {
    workspaceId: workspace.id,
    provider: 'fake',
    title: 'Refactor',
    prompt: 'work until cancelled',
  });
  await untilStatus(app, ['sessions', 'get'], { sessionId: session.id }, 'RUNNING');
  return session.id;
}

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

    // The bridge's openExternal: web links, asked by the app's own page only.
    const openFrom = (frame: string, url: string) =>
      app.request('emit', {
        target: 'ipcMain',
        event: 'ff:open-external',
        args: [url],
        eventProps: { senderFrame: { url: frame } },
      });
    await openFrom('https://evil.example/', 'https://example.com/from-elsewhere');
    await openFrom(appUrl, 'file:///etc/passwd');
    await openFrom(appUrl, 'https://example.com/docs');
    expect(app.callsTo('shell.openExternal')).toEqual([
      ['https://github.com/acme/widgets'],
      ['https://example.com/docs'],
    ]);
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

  it('shows a tray with the app commands, the updater off in development', async () => {
    const app = launch();
    await windowCreated(app);
    expect(app.callsTo('Tray.new')).toHaveLength(1);
    expect(app.callsTo('Tray.new')[0]?.[0]).toMatchObject({
      path: expect.stringMatching(/resources\/tray\.png$/),
    });
    expect(await trayLabels(app)).toEqual([
      'No session needs you (off)',
      '---',
      'Open window',
      'New workspace…',
      'Pause all agents (off)',
      '---',
      'Updates are off in development (off)',
      '---',
      'Quit Factory Factory',
    ]);
    expect(app.calls.filter((c) => c.what.startsWith('autoUpdater.'))).toEqual([]);
    await app.request('clickMenu', { path: ['New workspace…'] });
    expect(app.callsTo('webContents.send')).toEqual([['ff:command', { type: 'new-workspace' }]]);
  });

  it('asks before quitting while an agent works; Pause all stops it, notifies, and badges the finished turn', async () => {
    const app = launch();
    await windowCreated(app);
    const sessionId = await startWorkingAgent(app);
    await expect.poll(() => trayLabels(app)).toContain('Pause all agents (1)');

    await app.request('dialogResponse', { response: 1 }); // Cancel
    await app.request('quit');
    await expect.poll(() => app.callsTo('dialog.showMessageBox').length).toBe(1);
    expect(app.callsTo('dialog.showMessageBox')[0]?.[0]).toMatchObject({
      message: '1 agent is still working. Quit anyway?',
      buttons: ['Quit', 'Cancel'],
      cancelId: 1,
    });
    // Still running: the core answers.
    expect(await rpc<{ status: string }>(app, ['sessions', 'get'], { sessionId })).toMatchObject({
      status: 'RUNNING',
    });

    await app.request('clickMenu', { path: ['Pause all agents (1)'] });
    await expect.poll(() => trayLabels(app), { timeout: 30_000 }).toContain('Refactor finished');
    expect(await trayLabels(app)).toContain('Pause all agents (off)');
    expect(app.callsTo('app.setBadgeCount').at(-1)).toEqual([1]);
    expect(app.callsTo('Notification.new')).toEqual([
      [expect.objectContaining({ title: 'Refactor finished' })],
    ]);

    await app.request('clickMenu', { path: ['Refactor finished'] });
    expect(app.callsTo('webContents.send').at(-1)).toEqual([
      'ff:command',
      { type: 'open-session', workspaceId: expect.any(String), sessionId },
    ]);
    await expect.poll(() => app.callsTo('app.setBadgeCount').at(-1)).toEqual([0]);

    await app.request('quit');
    expect(await app.exited).toBe(0);
    expect(app.callsTo('dialog.showMessageBox')).toHaveLength(1);
  });

  it('applies the settings live: a kind of notification turned off, closing the window then quitting', async () => {
    const app = launch();
    await windowCreated(app);
    await rpc(app, ['settings', 'update'], {
      notificationKinds: { permission: true, finished: false, error: true, pr: true },
      closeToTray: false,
    });
    await startWorkingAgent(app);
    await app.request('clickMenu', { path: ['Pause all agents (1)'] });
    await expect.poll(() => trayLabels(app), { timeout: 30_000 }).toContain('Refactor finished');
    expect(app.callsTo('app.setBadgeCount').at(-1)).toEqual([1]);
    expect(app.callsTo('Notification.new')).toEqual([]);

    // Not kept in the tray: closing the only window quits (Linux), with no agent left to ask about.
    expect(await app.request('closeWindow')).toEqual({ destroyed: true });
    expect(await app.exited).toBe(0);
    expect(app.callsTo('BrowserWindow.hide')).toEqual([]);
    expect(app.callsTo('dialog.showMessageBox')).toEqual([]);
  });

  it('quits after confirmation, stopping the working agent', async () => {
    const app = launch();
    await windowCreated(app);
    const sessionId = await startWorkingAgent(app);
    const { process: agent } = await rpc<{ process: { pid: number } }>(app, ['sessions', 'get'], {
      sessionId,
    });
    await app.request('dialogResponse', { response: 0 }); // Quit
    await app.request('quit');
    expect(await app.exited).toBe(0);
    expect(app.callsTo('dialog.showMessageBox')).toHaveLength(1);
    expect(() => process.kill(agent.pid, 0)).toThrow();
  });

  it('packaged: wires electron-updater, checks at start and offers Restart to update', async () => {
    const app = launch({ FAKE_ELECTRON_PACKAGED: '1' });
    await windowCreated(app);
    await expect.poll(() => app.callsTo('autoUpdater.checkForUpdates').length).toBe(1);
    expect(app.callsTo('autoUpdater.autoDownload')).toEqual([[true]]);
    await app.request('updaterEmit', { event: 'update-available', args: [{ version: '9.9.9' }] });
    await app.request('updaterEmit', { event: 'download-progress', args: [{ percent: 42 }] });
    await expect.poll(() => trayLabels(app)).toContain('Downloading update… 42% (off)');
    await app.request('updaterEmit', { event: 'update-downloaded', args: [{ version: '9.9.9' }] });
    await expect.poll(() => trayLabels(app)).toContain('Restart to update (9.9.9)');
    // The window offers it too, and its button reaches the updater through the bridge (only from our page).
    expect(app.callsTo('webContents.send')).toContainEqual([
      'ff:command',
      { type: 'update-ready', version: '9.9.9' },
    ]);
    const appUrl = String(app.callsTo('BrowserWindow.loadURL')[0]?.[0]);
    const fromFrame = (url: string) =>
      app.request('emit', {
        target: 'ipcMain',
        event: 'ff:restart-to-update',
        eventProps: { senderFrame: { url } },
      });
    await fromFrame('https://evil.example/');
    await app.request('trayMenu'); // one more round trip: a call the refused message made would be in by now
    expect(app.callsTo('autoUpdater.quitAndInstall')).toHaveLength(0);
    await fromFrame(appUrl);
    await expect.poll(() => app.callsTo('autoUpdater.quitAndInstall').length).toBe(1);
    await app.request('clickMenu', { path: ['Restart to update (9.9.9)'] });
    await expect.poll(() => app.callsTo('autoUpdater.quitAndInstall').length).toBe(2);
  });

  it('has an app menu with Help → Reveal logs, opens deep links from a second instance, remembers the window', async () => {
    const app = launch();
    await windowCreated(app);
    await app.request('clickMenu', { menu: 'app', path: ['Help', 'Reveal Logs'] });
    expect(app.callsTo('shell.openPath')).toEqual([[path.join(app.userData, 'logs')]]);

    await app.request('emit', {
      target: 'app',
      event: 'second-instance',
      args: [['/opt/ff', 'factory-factory://workspace/w42/session/s7']],
    });
    expect(app.callsTo('webContents.send').at(-1)).toEqual([
      'ff:command',
      { type: 'open-session', workspaceId: 'w42', sessionId: 's7' },
    ]);

    // Close to tray: the window hides, the app stays, the window's place is saved for the next start.
    expect(await app.request('closeWindow')).toEqual({ destroyed: false });
    expect(app.callsTo('BrowserWindow.hide')).toEqual([[0]]);
    await app.request('quit');
    await app.exited;
    expect(JSON.parse(readFileSync(path.join(app.userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 0,
      y: 0,
      width: 1400,
      height: 900,
      maximized: false,
    });
    // Without a saved state the window options carry no position at all.
    const again = launch({ FAKE_ELECTRON_USER_DATA: app.userData });
    await windowCreated(again);
    expect(again.callsTo('BrowserWindow.new')[0]?.[0]).toMatchObject({
      x: 0,
      y: 0,
      width: 1400,
      height: 900,
    });
  });
});
