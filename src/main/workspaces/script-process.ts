import { type ChildProcess, spawn } from 'node:child_process';
import { readStartTime } from '../processes/process-identity';
import { terminateProcess } from '../processes/process-terminator';

export interface ScriptExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when `stop()` ended it (core shutdown, archive), as opposed to the script ending by itself. */
  stopped: boolean;
  /** Set when the process could not be started at all. */
  spawnError: string | null;
}

export interface ScriptProcessOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  onOutput(text: string): void;
}

const KILL_GRACE_MS = 2_000;
const PIPE_DRAIN_MS = 500;

/**
 * A user script run by the platform shell in its own process group, so stopping it also stops whatever it
 * started (dev servers, watchers). Owned by the workspaces service; `stop()` is the disposer.
 */
export class ScriptProcess {
  readonly exited: Promise<ScriptExit>;
  private readonly child: ChildProcess;
  /** Read right after spawn, so a later stop never signals a process that reused the pid. */
  readonly startTime: string | null;
  private stopping = false;

  constructor(options: ScriptProcessOptions) {
    const windows = process.platform === 'win32';
    this.child = spawn(
      windows ? (process.env.ComSpec ?? 'cmd.exe') : '/bin/sh',
      windows ? ['/d', '/s', '/c', options.command] : ['-c', options.command],
      {
        cwd: options.cwd,
        env: options.env,
        detached: !windows,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      },
    );
    this.startTime = this.child.pid === undefined ? null : readStartTime(this.child.pid);
    const decode = (stream: NodeJS.ReadableStream | null) => {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => options.onOutput(text));
    };
    decode(this.child.stdout);
    decode(this.child.stderr);
    this.exited = new Promise((resolve) => {
      let spawnError: string | null = null;
      this.child.once('error', (error) => {
        spawnError = error.message;
        if (this.child.pid === undefined) {
          resolve({ exitCode: null, signal: null, stopped: false, spawnError });
        }
      });
      // 'close' waits for the pipes; a background process the script left behind may hold them open, so
      // settle shortly after 'exit' even when 'close' does not follow.
      const settle = (exitCode: number | null, signal: NodeJS.Signals | null) =>
        resolve({ exitCode, signal, stopped: this.stopping, spawnError });
      this.child.once('exit', (exitCode, signal) => {
        setTimeout(() => settle(exitCode, signal), PIPE_DRAIN_MS).unref();
      });
      this.child.once('close', settle);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Ends the whole process group (the shell may be gone while something it started lives on): SIGTERM,
   * then SIGKILL after a grace period. Resolves once it exited.
   */
  async stop(): Promise<ScriptExit> {
    this.stopping = true;
    const pid = this.child.pid;
    if (pid !== undefined) {
      await terminateProcess({ pid, startTime: this.startTime }, { graceMs: KILL_GRACE_MS });
    }
    return this.exited;
  }
}
