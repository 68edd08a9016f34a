import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { terminateProcess } from '../processes/process-terminator';
import { tunnelUrlIn } from './tunnel-url';

export interface TunnelBackoff {
  /** Wait before the first restart; doubles per quick failure up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** A run that lasted this long resets the back-off. */
  stableMs: number;
}

export const DEFAULT_TUNNEL_BACKOFF: TunnelBackoff = { initialMs: 1000, maxMs: 60_000, stableMs: 60_000 };

export interface TunnelDeps {
  /** The cloudflared binary (see findCloudflared). */
  command: string;
  /** Where the tunnel points: the gate's loopback URL. */
  targetUrl: string;
  /** A line for the person running `ff proxy`. */
  say: (line: string) => void;
  /** The tunnel's public URL, each time a (re)started cloudflared prints one. */
  onUp: (url: string) => void;
  /** cloudflared exited: its URL no longer leads here. */
  onDown: () => void;
  backoff?: TunnelBackoff;
  now?: () => number;
  /** cloudflared's environment (default: ours). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `cloudflared tunnel --url <target>` for a Cloudflare quick tunnel, in its own process group, and reads
 * its URL from its log. When cloudflared exits the tunnel is reported down and restarted after a back-off
 * (said in the output); `dispose` ends it and stops restarting.
 */
export class CloudflaredTunnel {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private restartTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private disposed = false;
  private readonly backoff: TunnelBackoff;
  private readonly now: () => number;

  constructor(private readonly deps: TunnelDeps) {
    this.backoff = deps.backoff ?? DEFAULT_TUNNEL_BACKOFF;
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.disposed || this.child) return;
    const startedAt = this.now();
    const child = spawn(this.deps.command, ['tunnel', '--no-autoupdate', '--url', this.deps.targetUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
      env: this.deps.env ?? process.env,
    });
    this.child = child;
    let up = false;
    let lastLine = '';
    const read = (line: string) => {
      if (line.trim()) lastLine = line.trim();
      const url = up ? null : tunnelUrlIn(line);
      if (!url) return;
      up = true;
      this.deps.onUp(url);
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', read);
    }
    let spawnError: Error | null = null;
    child.on('error', (error) => {
      spawnError = error;
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.child = null;
        resolve();
        if (up) this.deps.onDown();
        if (this.disposed) return;
        const why = spawnError
          ? `could not start (${spawnError.message})`
          : `exited (${signal ?? `code ${code}`})${lastLine ? `: ${lastLine}` : ''}`;
        this.scheduleRestart(why, this.now() - startedAt);
      });
    });
  }

  private scheduleRestart(why: string, ranMs: number): void {
    if (ranMs >= this.backoff.stableMs) this.failures = 0;
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.failures);
    this.failures += 1;
    this.deps.say(`cloudflared ${why}. The tunnel is down; restarting in ${formatDelay(delay)}…`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.deps.say('Restarting cloudflared…');
      this.start();
    }, delay);
  }

  /** Stops restarting and ends cloudflared (TERM, then KILL after a grace period). */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child?.pid) await terminateProcess({ pid: child.pid }, { graceMs: 5000 });
    await this.exited;
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
