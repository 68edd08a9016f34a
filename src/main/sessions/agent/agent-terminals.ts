import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type {
  CreateTerminalRequest,
  TerminalExitStatus,
  TerminalOutputResponse,
  WaitForTerminalExitResponse,
} from '@agentclientprotocol/sdk';
import { err, ok, type Result } from '../../../shared/lib/result';
import { readStartTime } from '../../processes/process-identity';
import type { ProcessTracker } from '../../processes/process-registry';
import { terminateProcess } from '../../processes/process-terminator';

export const DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
export const MAX_OUTPUT_LIMIT = 8 * 1024 * 1024;
const MAX_TERMINALS = 16;

interface AgentTerminal {
  child: ChildProcess;
  /** Read right after spawn, so a later stop never signals a process that reused the pid. */
  startTime: string | null;
  chunks: Buffer[];
  bytes: number;
  limit: number;
  truncated: boolean;
  exit: TerminalExitStatus | null;
  exited: Promise<TerminalExitStatus>;
}

/**
 * The processes an agent runs through ACP `terminal/*`: each in its own process group, in the worktree, with
 * output kept to a byte limit (oldest output dropped first, `truncated` set). All of a session's terminals
 * die with it.
 */
export class AgentTerminals {
  private readonly terminals = new Map<string, AgentTerminal>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly processes: ProcessTracker,
    private readonly sessionId: string,
  ) {}

  create(request: CreateTerminalRequest, cwd: string): Result<string, string> {
    if (this.terminals.size >= MAX_TERMINALS) return err(`At most ${MAX_TERMINALS} terminals per session`);
    const limit = Math.min(MAX_OUTPUT_LIMIT, Math.max(0, request.outputByteLimit ?? DEFAULT_OUTPUT_LIMIT));
    const env = { ...this.env };
    for (const v of request.env ?? []) env[v.name] = v.value;
    const args = request.args ?? [];
    // With no args the command is a command line (what most agents send); with args it is a program.
    const child =
      args.length === 0
        ? spawn(
            process.platform === 'win32' ? 'cmd.exe' : '/bin/sh',
            process.platform === 'win32' ? ['/d', '/s', '/c', request.command] : ['-c', request.command],
            { cwd, env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] },
          )
        : spawn(request.command, args, {
            cwd,
            env,
            detached: process.platform !== 'win32',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
    const id = `term-${randomUUID()}`;
    const untrack = this.processes.track({ kind: 'agent_terminal', ownerId: this.sessionId, pid: child.pid });
    const terminal: AgentTerminal = {
      child,
      startTime: child.pid === undefined ? null : readStartTime(child.pid),
      chunks: [],
      bytes: 0,
      limit,
      truncated: false,
      exit: null,
      exited: new Promise((resolve) => {
        child.once('close', (code, signal) => {
          untrack();
          terminal.exit = { exitCode: code, signal };
          resolve(terminal.exit);
        });
        child.once('error', (error) => {
          untrack();
          this.append(terminal, Buffer.from(`${error.message}\n`));
          terminal.exit = { exitCode: 127, signal: null };
          resolve(terminal.exit);
        });
      }),
    };
    child.stdout?.on('data', (chunk: Buffer) => this.append(terminal, chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.append(terminal, chunk));
    this.terminals.set(id, terminal);
    return ok(id);
  }

  output(id: string): Result<TerminalOutputResponse, 'UNKNOWN_TERMINAL'> {
    const t = this.terminals.get(id);
    if (!t) return err('UNKNOWN_TERMINAL');
    const output = decodeFromCharBoundary(Buffer.concat(t.chunks, t.bytes));
    return ok({ output, truncated: t.truncated, exitStatus: t.exit });
  }

  async waitForExit(id: string): Promise<Result<WaitForTerminalExitResponse, 'UNKNOWN_TERMINAL'>> {
    const t = this.terminals.get(id);
    if (!t) return err('UNKNOWN_TERMINAL');
    return ok(await t.exited);
  }

  async kill(id: string): Promise<Result<void, 'UNKNOWN_TERMINAL'>> {
    const t = this.terminals.get(id);
    if (!t) return err('UNKNOWN_TERMINAL');
    await this.stop(t);
    return ok(undefined);
  }

  async release(id: string): Promise<Result<void, 'UNKNOWN_TERMINAL'>> {
    const t = this.terminals.get(id);
    if (!t) return err('UNKNOWN_TERMINAL');
    this.terminals.delete(id);
    await this.stop(t);
    return ok(undefined);
  }

  async dispose(): Promise<void> {
    const all = [...this.terminals.values()];
    this.terminals.clear();
    await Promise.all(all.map((t) => this.stop(t)));
  }

  /**
   * Ends the terminal's whole group, also after its command exited: what the command started in the
   * background lives on in the group.
   */
  private async stop(t: AgentTerminal): Promise<void> {
    // Without a start time the id of an ended group could since name someone else's.
    if (t.child.pid === undefined || (t.exit && t.startTime === null)) return;
    await terminateProcess({ pid: t.child.pid, startTime: t.startTime }, { graceMs: 500 });
    await t.exited;
  }

  private append(t: AgentTerminal, chunk: Buffer): void {
    t.chunks.push(chunk);
    t.bytes += chunk.length;
    while (t.bytes > t.limit && t.chunks.length > 0) {
      t.truncated = true;
      const first = t.chunks[0] as Buffer;
      const excess = t.bytes - t.limit;
      if (first.length <= excess) {
        t.chunks.shift();
        t.bytes -= first.length;
      } else {
        t.chunks[0] = first.subarray(excess);
        t.bytes -= excess;
      }
    }
  }
}

/** Drops UTF-8 continuation bytes at the start left by truncation, so the text starts on a character. */
function decodeFromCharBoundary(bytes: Buffer): string {
  let start = 0;
  while (start < bytes.length && start < 4 && ((bytes[start] as number) & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}
