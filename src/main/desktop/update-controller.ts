import { nextUpdateState, type UpdateEvent, type UpdateState } from './update-state';

/** The part of electron-updater's `autoUpdater` the app uses (a fake in tests). */
export interface AutoUpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface UpdateControllerDeps {
  /** False in development (an unpackaged app has nothing to update): no updater is ever loaded. */
  packaged: boolean;
  /** The user's `autoUpdate` setting: off stops the automatic checks, a manual check still works. */
  automatic: () => boolean;
  /** Loads electron-updater's autoUpdater on first use. */
  loadUpdater: () => Promise<AutoUpdaterPort>;
  every: (ms: number, fn: () => void) => () => void;
  onChange: (state: UpdateState) => void;
  log: (message: string) => void;
}

export const DAILY_MS = 24 * 60 * 60 * 1000;

/**
 * Drives electron-updater from GitHub releases: checks at start and daily (when automatic updates are on),
 * downloads in the background, and installs on "Restart to update". Signature and integrity checks are
 * electron-updater's and are left at their defaults.
 */
export class UpdateController {
  private current: UpdateState;
  private updater: Promise<AutoUpdaterPort> | null = null;
  private stopTimer: (() => void) | null = null;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.current = deps.packaged ? this.restingState() : { phase: 'off', reason: 'development' };
  }

  get state(): UpdateState {
    return this.current;
  }

  /** Checks now and daily while automatic updates are on; call again when the setting changes. */
  start(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    if (!this.deps.packaged) return;
    if (!this.deps.automatic()) {
      if (this.current.phase === 'idle') this.set({ phase: 'off', reason: 'user' });
      return;
    }
    if (this.current.phase === 'off') this.set({ phase: 'idle' });
    this.stopTimer = this.deps.every(DAILY_MS, () => void this.check());
    void this.check();
  }

  /** Checks for an update unless one is being checked, downloaded or already waiting. */
  async check(): Promise<void> {
    if (!this.deps.packaged) return;
    const busy = ['checking', 'available', 'downloading', 'ready'].includes(this.current.phase);
    if (busy) return;
    try {
      const updater = await this.load();
      await updater.checkForUpdates();
    } catch (error) {
      this.apply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Quits and installs a downloaded update; does nothing before one is ready. */
  async restartToUpdate(): Promise<void> {
    if (this.current.phase !== 'ready' || !this.updater) return;
    (await this.updater).quitAndInstall();
  }

  dispose(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    void this.updater?.then((u) => u.removeAllListeners()).catch(() => {});
  }

  private restingState(): UpdateState {
    return this.deps.automatic() ? { phase: 'idle' } : { phase: 'off', reason: 'user' };
  }

  private load(): Promise<AutoUpdaterPort> {
    this.updater ??= this.deps.loadUpdater().then((updater) => {
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = true;
      updater.on('checking-for-update', () => this.apply({ type: 'checking' }));
      updater.on('update-available', (info: { version: string }) =>
        this.apply({ type: 'available', version: info.version }),
      );
      updater.on('update-not-available', () => this.apply({ type: 'not-available' }));
      updater.on('download-progress', (progress: { percent: number }) =>
        this.apply({ type: 'progress', percent: progress.percent }),
      );
      updater.on('update-downloaded', (info: { version: string }) =>
        this.apply({ type: 'downloaded', version: info.version }),
      );
      updater.on('error', (error: Error) => this.apply({ type: 'error', message: error.message }));
      return updater;
    });
    this.updater.catch(() => {
      this.updater = null;
    });
    return this.updater;
  }

  private apply(event: UpdateEvent): void {
    if (event.type === 'error') this.deps.log(`Update check failed: ${event.message}`);
    const next = nextUpdateState(this.current, event);
    // After "nothing new", a user who turned automatic updates off is back to "off".
    this.set(next.phase === 'idle' ? this.restingState() : next);
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.deps.onChange(state);
  }
}
