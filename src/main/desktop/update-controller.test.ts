import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type AutoUpdaterPort, DAILY_MS, UpdateController } from './update-controller';
import { nextUpdateState, type UpdateState, updateMenuEntry } from './update-state';

/** A fake autoUpdater: an EventEmitter that records property writes and calls. */
function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const writes: string[] = [];
  const calls: string[] = [];
  const emitter = new EventEmitter();
  const target = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checkForUpdates: () => {
      calls.push('checkForUpdates');
      return check();
    },
    quitAndInstall: () => calls.push('quitAndInstall'),
  });
  const updater = new Proxy(target, {
    set(obj, key, value) {
      // EventEmitter's own bookkeeping (_events, _eventsCount) is not a setting.
      if (!String(key).startsWith('_')) writes.push(`${String(key)}=${value}`);
      return Reflect.set(obj, key, value);
    },
  }) as unknown as AutoUpdaterPort & EventEmitter;
  return { updater, writes, calls };
}

function controller(
  options: { packaged?: boolean; automatic?: boolean; check?: () => Promise<unknown> } = {},
) {
  const fake = fakeUpdater(options.check);
  const timers: Array<{ ms: number; fn: () => void; stopped: boolean }> = [];
  const states: UpdateState[] = [];
  let loads = 0;
  let automatic = options.automatic ?? true;
  const updates = new UpdateController({
    packaged: options.packaged ?? true,
    automatic: () => automatic,
    loadUpdater: async () => {
      loads++;
      return fake.updater;
    },
    every: (ms, fn) => {
      const timer = { ms, fn, stopped: false };
      timers.push(timer);
      return () => {
        timer.stopped = true;
      };
    },
    onChange: (state) => states.push(state),
    log: () => {},
  });
  return {
    updates,
    ...fake,
    timers,
    states,
    loads: () => loads,
    setAutomatic: (on: boolean) => {
      automatic = on;
    },
  };
}

describe('update state machine', () => {
  it('goes idle → checking → available → downloading n% → ready', () => {
    let state: UpdateState = { phase: 'idle' };
    const seen: string[] = [];
    for (const event of [
      { type: 'checking' },
      { type: 'available', version: '1.2.0' },
      { type: 'progress', percent: 41.7 },
      { type: 'progress', percent: 250 },
      { type: 'downloaded', version: '1.2.0' },
      { type: 'error', message: 'late' },
    ] as const) {
      state = nextUpdateState(state, event);
      seen.push(updateMenuEntry(state).label);
    }
    expect(seen).toEqual([
      'Checking for updates…',
      'Downloading 1.2.0…',
      'Downloading update… 41%',
      'Downloading update… 100%',
      'Restart to update (1.2.0)',
      'Restart to update (1.2.0)',
    ]);
  });

  it('returns to idle when nothing is new and reports errors', () => {
    expect(nextUpdateState({ phase: 'checking' }, { type: 'not-available' })).toEqual({ phase: 'idle' });
    const failed = nextUpdateState(
      { phase: 'downloading', version: '1', percent: 3 },
      { type: 'error', message: 'x' },
    );
    expect(updateMenuEntry(failed)).toEqual({
      label: 'Check for updates (the last check failed)',
      action: { type: 'check-updates' },
    });
  });
});

describe('UpdateController with a fake autoUpdater', () => {
  it('is off in development and never loads electron-updater', async () => {
    const c = controller({ packaged: false });
    c.updates.start();
    await c.updates.check();
    expect(c.updates.state).toEqual({ phase: 'off', reason: 'development' });
    expect(updateMenuEntry(c.updates.state).action).toBeNull();
    expect(c.loads()).toBe(0);
    expect(c.timers).toEqual([]);
  });

  it('checks at start and daily, downloading in the background, and installs on restart', async () => {
    const c = controller();
    c.updates.start();
    await expect.poll(() => c.calls).toEqual(['checkForUpdates']);
    expect(c.timers.map((t) => t.ms)).toEqual([DAILY_MS]);
    // Only the download settings are written: signature checks keep electron-updater's defaults.
    expect(c.writes).toEqual(['autoDownload=true', 'autoInstallOnAppQuit=true']);

    c.updater.emit('checking-for-update');
    c.updater.emit('update-available', { version: '2.0.0' });
    c.updater.emit('download-progress', { percent: 50 });
    expect(c.updates.state).toEqual({ phase: 'downloading', version: '2.0.0', percent: 50 });
    c.updater.emit('update-downloaded', { version: '2.0.0' });
    expect(c.updates.state).toEqual({ phase: 'ready', version: '2.0.0' });

    c.timers[0]?.fn(); // the daily check does not disturb a ready update
    await c.updates.restartToUpdate();
    expect(c.calls).toEqual(['checkForUpdates', 'quitAndInstall']);
    expect(c.loads()).toBe(1);
  });

  it('turns a failed check into the error state', async () => {
    const c = controller({ check: async () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')) });
    await c.updates.check();
    expect(c.updates.state).toEqual({ phase: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
  });

  it('with automatic updates off: no scheduled checks, a manual check still works', async () => {
    const c = controller({ automatic: false });
    c.updates.start();
    expect(c.updates.state).toEqual({ phase: 'off', reason: 'user' });
    expect(c.calls).toEqual([]);
    expect(c.timers).toEqual([]);
    await c.updates.check();
    c.updater.emit('checking-for-update');
    c.updater.emit('update-not-available');
    expect(c.updates.state).toEqual({ phase: 'off', reason: 'user' });
    expect(c.calls).toEqual(['checkForUpdates']);

    c.setAutomatic(true);
    c.updates.start();
    expect(c.timers).toHaveLength(1);
    c.setAutomatic(false);
    c.updates.start();
    expect(c.timers[0]?.stopped).toBe(true);
  });

  it('does not install before an update is ready', async () => {
    const c = controller();
    await c.updates.check();
    await c.updates.restartToUpdate();
    expect(c.calls).toEqual(['checkForUpdates']);
  });
});
