import { type ChildProcess, spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { ndJsonStream, type Stream } from '@agentclientprotocol/sdk';
import { readStartTime } from '../../processes/process-identity';
import { terminateProcess } from '../../processes/process-terminator';

const STDERR_TAIL_BYTES = 4096;
const OPEN_BRACE = 0x7b;
const NEWLINE = 0x0a;

/** How an agent process ended: its exit code or signal, or why it could not start. */
export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError: string | null;
}

export interface AgentProcessHandlers {
  /** Any byte from the agent's stdout (the hang watchdog resets on it). */
  onActivity(): void;
  /** stdout carried a line that is not a JSON-RPC object. */
  onGarbage(line: string): void;
  onExit(exit: AgentExit): void;
}

/**
 * One agent child process in its own process group (detached), speaking ACP over stdio. stdout passes a
 * guard that reports the first line that is not a JSON object (the SDK would only answer it with a parse
 * error); stderr keeps a short tail for error reasons.
 */
export class AgentProcess {
  readonly stream: Stream;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;
  /** Read right after spawn, so a later kill never signals a process that reused the pid. */
  readonly startTime: string | null;

  constructor(
    command: string,
    args: string[],
    options: { cwd: string; env: Record<string, string> },
    private readonly handlers: AgentProcessHandlers,
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.startTime = this.child.pid === undefined ? null : readStartTime(this.child.pid);
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        handlers.onExit({ code, signal, spawnError: null });
        resolve();
      });
      this.child.once('error', (error) => {
        if (this.child.pid !== undefined && !this.exited) return; // a runtime error; 'exit' follows
        this.exited = true;
        handlers.onExit({ code: null, signal: null, spawnError: error.message });
        resolve();
      });
    });
    this.child.stdin?.on('error', () => {
      // EPIPE after the agent died; the exit handler reports it.
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    const stdout = Readable.toWeb(this.child.stdout as Readable) as ReadableStream<Uint8Array>;
    const guarded = stdout.pipeThrough(this.stdoutGuard());
    const stdin = Writable.toWeb(this.child.stdin as Writable) as WritableStream<Uint8Array>;
    this.stream = ndJsonStream(stdin, guarded);
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get alive(): boolean {
    return !this.exited && this.child.pid !== undefined;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  /** Kills the whole process group and waits for it to be gone. */
  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    await terminateProcess({ pid, startTime: this.startTime });
    await this.exitedWithin(1000);
  }

  /** Resolves true once the process has exited (its exit handler has run), false after `ms` if not. */
  async exitedWithin(ms: number): Promise<boolean> {
    if (this.exited) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const exited = await Promise.race([this.exitPromise.then(() => true as const), timeout]);
    clearTimeout(timer);
    return exited;
  }

  private stdoutGuard(): TransformStream<Uint8Array, Uint8Array> {
    let atLineStart = true;
    let failed = false;
    const handlers = this.handlers;
    return new TransformStream({
      transform(chunk, controller) {
        if (failed) return;
        handlers.onActivity();
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let i = 0;
        while (i < bytes.length) {
          if (!atLineStart) {
            const nl = bytes.indexOf(NEWLINE, i);
            if (nl === -1) break;
            i = nl + 1;
            atLineStart = true;
            continue;
          }
          const b = bytes[i] as number;
          if (b === NEWLINE || b === 0x20 || b === 0x09 || b === 0x0d) {
            i++;
            continue;
          }
          if (b !== OPEN_BRACE) {
            failed = true;
            const nl = bytes.indexOf(NEWLINE, i);
            handlers.onGarbage(
              bytes.subarray(i, nl === -1 ? Math.min(bytes.length, i + 200) : nl).toString('utf8'),
            );
            const valid = bytes.subarray(0, i);
            if (valid.length) controller.enqueue(valid);
            return;
          }
          atLineStart = false;
        }
        controller.enqueue(chunk);
      },
    });
  }
}
