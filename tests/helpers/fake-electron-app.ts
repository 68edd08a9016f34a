import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainBundle = path.join(root, 'out/main/index.js');
const register = path.join(root, 'tests/fixtures/fake-electron/register.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the bundle (`electron-vite build`) unless `out/main/index.js` is newer than every source it is
 * made from, so the test never runs an old bundle and a fresh clone needs no separate build step.
 */
export function ensureMainBundle(): string {
  const sources = ['src/main', 'src/shared', 'src/preload', 'electron.vite.config.ts'].map((p) =>
    path.join(root, p),
  );
  const newest = Math.max(
    ...sources.map((p) => (statSync(p).isDirectory() ? newestSource(p) : statSync(p).mtimeMs)),
  );
  if (!existsSync(mainBundle) || statSync(mainBundle).mtimeMs < newest) {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
  }
  return mainBundle;
}

export interface FakeCall {
  what: string;
  args: unknown[];
}

export interface FakeElectronApp {
  child: ChildProcess;
  userData: string;
  calls: FakeCall[];
  callsTo(what: string): unknown[][];
  /** Asks the fake electron to do something (fire an event, click a menu item) and returns its answer. */
  request<T = unknown>(op: string, params?: Record<string, unknown>): Promise<T>;
  exited: Promise<number | null>;
  stderr(): string;
}

/** Runs the built Electron main bundle in plain Node with `electron` (and `electron-updater`) faked. */
export function launchWithFakeElectron(env: Record<string, string> = {}): FakeElectronApp {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'ff-fake-electron-'));
  // The core keeps its data in the fake userData folder (FF_DATA_DIR would win over it).
  const { FF_DATA_DIR: _ignored, FF_DATABASE_PATH: _ignoredToo, ...parentEnv } = process.env;
  const child = fork(mainBundle, [], {
    execArgv: ['--import', register],
    env: { ...parentEnv, FAKE_ELECTRON_USER_DATA: userData, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const calls: FakeCall[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on(
    'message',
    (message: { type: string; id?: number; value?: unknown; error?: string } & FakeCall) => {
      if (message.type === 'call') calls.push({ what: message.what, args: message.args });
      if (message.type === 'reply' && message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.value);
      }
    },
  );
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`app exited (${code}); stderr: ${err}`));
      resolve(code);
    });
  });
  return {
    child,
    userData,
    calls,
    callsTo: (what) => calls.filter((c) => c.what === what).map((c) => c.args),
    request: <T>(op: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, ...params });
      }),
    exited,
    stderr: () => err,
  };
}
