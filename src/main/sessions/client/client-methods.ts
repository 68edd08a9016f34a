import { readFile, stat } from 'node:fs/promises';
import { RequestError } from '@agentclientprotocol/sdk';
import type { ClientHandlers } from '../agent/agent-connection';
import type { AgentTerminals } from '../agent/agent-terminals';
import { CONFINEMENT_MESSAGES, confinePath, type Reach } from './fs-confinement';
import { replaceFile } from './replace-file';

const MAX_READ_BYTES = 16 * 1024 * 1024;

export interface ClientMethodContext {
  worktree: string;
  /** Where `fs/*` may act: the worktree first, then the project's extra writable folders (`insideRoots`). */
  reach: Reach;
  terminals: AgentTerminals;
  /** Pauses the hang watchdog while the agent waits on us. */
  whileWeWait<T>(wait: Promise<T>): Promise<T>;
  /** Reports a refused request (logged to the session so the user sees it). */
  refused(text: string): void;
}

async function confined(
  ctx: ClientMethodContext,
  requested: string,
  purpose: 'read' | 'write',
): Promise<string> {
  const result = await confinePath(ctx.reach, requested, purpose);
  if (result.ok) return result.value;
  const message = `${CONFINEMENT_MESSAGES[result.error]}: ${requested}`;
  ctx.refused(`Refused to ${purpose} ${requested}: ${CONFINEMENT_MESSAGES[result.error].toLowerCase()}`);
  throw RequestError.invalidParams({ path: requested, problem: result.error }, message);
}

function unknownTerminal(id: string): never {
  throw RequestError.invalidParams({ terminalId: id }, `Unknown terminal ${id}`);
}

/** `fs/*` confined to the worktree and `terminal/*` running in it (ACP client methods). */
export function fsAndTerminalHandlers(ctx: ClientMethodContext): Partial<ClientHandlers> {
  return {
    'fs/read_text_file': async ({ params }) => {
      const file = await confined(ctx, params.path, 'read');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw RequestError.resourceNotFound(params.path);
      if (info.size > MAX_READ_BYTES)
        throw RequestError.invalidParams({ path: params.path }, 'File is too large');
      const text = await readFile(file, 'utf8');
      if (params.line == null && params.limit == null) return { content: text };
      const lines = text.split('\n');
      const start = Math.max(0, (params.line ?? 1) - 1);
      const end = params.limit == null ? lines.length : start + params.limit;
      return { content: lines.slice(start, end).join('\n') };
    },
    'fs/write_text_file': async ({ params }) => {
      const file = await confined(ctx, params.path, 'write');
      await replaceFile(file, params.content);
      return {};
    },
    'terminal/create': async ({ params }) => {
      const cwd = params.cwd ? await confined(ctx, params.cwd, 'read') : ctx.worktree;
      const created = ctx.terminals.create(params, cwd);
      if (!created.ok) throw RequestError.invalidRequest(undefined, created.error);
      return { terminalId: created.value };
    },
    'terminal/output': ({ params }) => {
      const out = ctx.terminals.output(params.terminalId);
      return out.ok ? out.value : unknownTerminal(params.terminalId);
    },
    'terminal/wait_for_exit': async ({ params }) => {
      const exit = await ctx.whileWeWait(ctx.terminals.waitForExit(params.terminalId));
      return exit.ok ? exit.value : unknownTerminal(params.terminalId);
    },
    'terminal/kill': async ({ params }) => {
      const killed = await ctx.terminals.kill(params.terminalId);
      return killed.ok ? {} : unknownTerminal(params.terminalId);
    },
    'terminal/release': async ({ params }) => {
      const released = await ctx.terminals.release(params.terminalId);
      return released.ok ? {} : unknownTerminal(params.terminalId);
    },
  };
}
