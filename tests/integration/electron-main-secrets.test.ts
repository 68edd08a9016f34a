import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureMainBundle, type FakeElectronApp, launchWithFakeElectron } from '../helpers/fake-electron-app';

// The built Electron entry with a fake `electron` whose safeStorage "encrypts" (see fake-electron/electron.mjs).
let running: FakeElectronApp[] = [];

async function launch(env: Record<string, string> = {}): Promise<FakeElectronApp> {
  const app = launchWithFakeElectron(env);
  running.push(app);
  await expect
    .poll(() => app.callsTo('BrowserWindow.loadURL').length, {
      timeout: 60_000,
      message: `no window; stderr: ${app.stderr()}`,
    })
    .toBe(1);
  return app;
}

const rpc = <T = unknown>(app: FakeElectronApp, path: string[], input?: unknown) =>
  app.request<T>('rpc', { path, input });

type Info = { dataDir: string; secrets: { kind: string; path: string; note: string | null } };
type Settings = { providers: Record<string, { env?: Record<string, string> }> };

const KEY = 'sk-desktop-secret-never-plain';

/** Every byte SQLite keeps for the app's database (main file and write-ahead log). */
function databaseBytes(dataDir: string): string {
  return ['data.db', 'data.db-wal']
    .map((f) => path.join(dataDir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
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

describe('secrets in the desktop app', () => {
  it('keeps a provider key encrypted by the OS keychain, out of data.db, and masked for the window', async () => {
    const app = await launch();
    const info = await rpc<Info>(app, ['system', 'info']);
    expect(info.secrets).toEqual({
      kind: 'keychain',
      path: path.join(app.userData, 'secrets.keychain.json'),
      note: null,
    });
    const saved = await rpc<Settings>(app, ['settings', 'update'], {
      providers: { codex: { env: { OPENAI_API_KEY: KEY } } },
    });
    expect(saved.providers.codex?.env).toEqual({ OPENAI_API_KEY: '••••••••lain' });
    expect(app.callsTo('safeStorage.encryptString')).toHaveLength(1);
    const file = readFileSync(info.secrets.path, 'utf8');
    expect(Object.keys(JSON.parse(file).secrets)).toEqual(['provider/codex/env/OPENAI_API_KEY']);
    expect(file).not.toContain(KEY);
    expect(databaseBytes(app.userData)).not.toContain(KEY);
    expect(existsSync(path.join(app.userData, 'secrets.json'))).toBe(false);

    // After a restart the core decrypts it again (the window still sees it masked).
    await app.request('quit');
    await app.exited;
    const again = await launch({ FAKE_ELECTRON_USER_DATA: app.userData });
    const settings = await rpc<Settings>(again, ['settings', 'get']);
    expect(settings.providers.codex?.env).toEqual({ OPENAI_API_KEY: '••••••••lain' });
  });

  it('without a keychain (Linux, no keyring) keeps secrets in a user-only file and says so', async () => {
    const app = await launch({ FAKE_ELECTRON_NO_KEYCHAIN: '1' });
    const info = await rpc<Info>(app, ['system', 'info']);
    const file = path.join(app.userData, 'secrets.json');
    expect(info.secrets).toMatchObject({ kind: 'file', path: file });
    expect(info.secrets.note).toContain('The OS keychain is not available');
    await rpc(app, ['settings', 'update'], { providers: { codex: { env: { OPENAI_API_KEY: KEY } } } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(app.callsTo('safeStorage.encryptString')).toHaveLength(0);
    expect(databaseBytes(app.userData)).not.toContain(KEY);
    expect(readFileSync(path.join(app.userData, 'logs', 'main.log'), 'utf8')).toContain(
      'The OS keychain is not available',
    );
  });
});
