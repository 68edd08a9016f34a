import { type ChildProcess, execFile, spawn } from 'node:child_process';

/**
 * Where git runs. Starting a process from the core means fork(): the kernel copies the page tables of the
 * whole core (hundreds of MB with many sessions, more inside Electron), which blocks the core's event loop
 * for 5–20 ms per git call, and a collision scan makes several calls. Agents' output waits meanwhile
 * (bench/agent-stream). So git runs from a small helper process started once, the way editors keep git out
 * of their UI process. If the helper cannot be started, calls run in the core as before (slower).
 */

export interface ExecRequest {
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  maxBuffer: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The helper's whole program: run `git` for each request, answer with its output, abort on request. */
const HELPER_SOURCE = `
const { execFile } = require('node:child_process');
const running = new Map();
process.on('message', (m) => {
  if (m.type === 'abort') { running.get(m.id)?.kill(); return; }
  const child = execFile('git', m.args, { cwd: m.cwd, env: m.env, maxBuffer: m.maxBuffer, timeout: m.timeoutMs, windowsHide: true },
    (error, stdout, stderr) => {
      running.delete(m.id);
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      process.send({ id: m.id, ok: !error, code, stdout: String(stdout), stderr: String(stderr) });
    });
  running.set(m.id, child);
});
process.on('disconnect', () => process.exit(0));
`;

/** After this many helper starts without a `stop`, git stays in the core. */
const MAX_HELPER_STARTS = 3;

interface Pending {
  request: ExecRequest;
  resolve(result: ExecResult): void;
  onAbort?: () => void;
}

export class GitHelper {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private starts = 0;

  constructor(private readonly runtime: { execPath: string; env: NodeJS.ProcessEnv } = process) {}

  run(request: ExecRequest): Promise<ExecResult> {
    if (request.signal?.aborted) return Promise.resolve(aborted());
    const child = this.helper();
    if (!child) return execInCore(request);
    return new Promise((resolve) => {
      const id = this.nextId++;
      const entry: Pending = { request, resolve };
      if (request.signal) {
        entry.onAbort = () => child.connected && child.send({ type: 'abort', id });
        request.signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.pending.set(id, entry);
      this.updateRef();
      const { signal: _signal, ...message } = request;
      child.send({ type: 'run', id, ...message }, (error) => {
        // The channel closed under us: killing the helper makes its exit handler fail this call.
        if (error) this.child?.kill();
      });
    });
  }

  /** Stops the helper (calls in flight fail); a later call starts a new one. */
  stop(): void {
    const child = this.child;
    if (child) {
      this.lost(child);
      if (child.connected) child.disconnect();
    }
    this.starts = 0;
  }

  get helperPid(): number | null {
    return this.child?.pid ?? null;
  }

  private helper(): ChildProcess | null {
    if (this.child) return this.child;
    if (this.starts >= MAX_HELPER_STARTS) return null;
    this.starts++;
    let child: ChildProcess;
    try {
      child = spawn(this.runtime.execPath, ['-e', HELPER_SOURCE], {
        // Inside Electron, execPath is the app: run it as plain Node.
        env: { ...this.runtime.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        windowsHide: true,
      });
    } catch {
      return null;
    }
    child.on('message', (message: ExecResult & { id: number }) => this.settle(message.id, message));
    child.on('error', () => {
      if (child.pid === undefined) this.unavailable(child);
      else this.lost(child);
    });
    child.on('exit', () => this.lost(child));
    this.child = child;
    this.updateRef();
    return child;
  }

  private settle(id: number, result: ExecResult): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    stopListening(entry);
    this.updateRef();
    entry.resolve({ ok: result.ok, code: result.code, stdout: result.stdout, stderr: result.stderr });
  }

  /**
   * The helper is gone. Its calls fail with a clear message rather than run twice: some git calls change
   * the repository, and whether git finished before the helper died is unknown.
   */
  private lost(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    for (const entry of this.takePending()) {
      entry.resolve({
        ok: false,
        code: null,
        stdout: '',
        stderr: 'git was interrupted: its helper process exited',
      });
    }
  }

  /** The helper could not be started at all (nothing ran in it): git runs in the core from now on. */
  private unavailable(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    this.starts = MAX_HELPER_STARTS;
    for (const entry of this.takePending()) void execInCore(entry.request).then(entry.resolve);
  }

  /** Every call in flight, no longer pending or listening for aborts; the caller settles them. */
  private takePending(): Pending[] {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) stopListening(entry);
    return entries;
  }

  /** The helper keeps the core alive only while a call is in flight. */
  private updateRef(): void {
    const child = this.child;
    if (!child) return;
    const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (this.pending.size > 0) {
      child.ref();
      channel?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
    }
  }
}

function stopListening(entry: Pending): void {
  if (entry.onAbort) entry.request.signal?.removeEventListener('abort', entry.onAbort);
}

function aborted(): ExecResult {
  return { ok: false, code: null, stdout: '', stderr: 'aborted' };
}

/** The fallback: git started from the core itself. */
function execInCore(request: ExecRequest): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      request.args,
      {
        cwd: request.cwd,
        env: request.env,
        maxBuffer: request.maxBuffer,
        timeout: request.timeoutMs,
        signal: request.signal,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ ok: !error, code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
