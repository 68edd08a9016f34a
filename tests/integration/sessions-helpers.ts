import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { ContractClient } from '../../src/shared/contract';
import type { DomainEvent } from '../../src/shared/contract/events';
import type { Session, SessionLogEntry, SessionStatus } from '../../src/shared/contract/sessions';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';

export const FAKE_AGENT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/fake-acp-agent/main.mjs',
);

/** A fake-agent script (see tests/fixtures/fake-acp-agent/README.md). */
export type FakeScript = Record<string, unknown>;

/** Registers the fake ACP agent as a custom provider named `name`, driven by `script`. */
export async function useFakeAgent(
  t: Pick<TestCore, 'client'>,
  script: FakeScript,
  name = 'fake',
  stateDir?: string,
): Promise<string> {
  const current = await t.client.settings.get();
  const state = stateDir ?? makeTempDir('ff-fake-acp-');
  await t.client.settings.update({
    providers: {
      ...current.providers,
      [name]: {
        command: process.execPath,
        args: [FAKE_AGENT],
        env: { FAKE_ACP_SCRIPT: JSON.stringify(script), FAKE_ACP_STATE_DIR: state },
        // Its session histories (session/load) are its own state: writable inside the agent sandbox.
        sandbox: { writablePaths: [state] },
      },
    },
  });
  return name;
}

/** A session's stored log entries with seq > afterSeq, paged like a client does. */
export async function storedLog(
  client: ContractClient,
  sessionId: string,
  afterSeq = 0,
): Promise<SessionLogEntry[]> {
  const entries: SessionLogEntry[] = [];
  for (;;) {
    const after = entries.at(-1)?.seq ?? afterSeq;
    const page = await client.sessions.log({ sessionId, afterSeq: after, limit: 500 });
    entries.push(...page.entries);
    if (!page.hasMore) return entries;
  }
}

type SessionEvent = Extract<DomainEvent, { type: 'session.changed' }>;
type LogEvent = Extract<DomainEvent, { type: 'session.log' }>;

/** Waits on session events recorded from the core's event stream. */
export class SessionWatch {
  private constructor(readonly recorder: EventRecorder) {}

  static async start(t: TestCore): Promise<SessionWatch> {
    return new SessionWatch(await EventRecorder.start(t));
  }

  mark(): number {
    return this.recorder.mark();
  }

  /** The first session.changed (after `after`) where the predicate holds. */
  async until(
    sessionId: string,
    predicate: (s: Session) => boolean,
    label: string,
    after = 0,
  ): Promise<Session> {
    const event = await this.recorder.waitFor(
      (e) => e.type === 'session.changed' && e.session.id === sessionId && predicate(e.session),
      `session ${sessionId.slice(0, 8)}: ${label}`,
      { after },
    );
    return (event as SessionEvent).session;
  }

  status(sessionId: string, status: SessionStatus, after = 0): Promise<Session> {
    return this.until(sessionId, (s) => s.status === status, `status ${status}`, after);
  }

  /** The end of the n-th turn (1-based) counted over all recorded log entries. */
  async turnEnd(sessionId: string, n = 1): Promise<SessionLogEntry> {
    let seen = 0;
    const event = await this.recorder.waitFor(
      (e) => {
        if (e.type !== 'session.log' || e.entry.sessionId !== sessionId || e.entry.kind !== 'status')
          return false;
        seen++;
        return seen >= n;
      },
      `turn ${n} of ${sessionId.slice(0, 8)} to end`,
    );
    return (event as LogEvent).entry;
  }

  /** Resolves once the session's pushed agent text contains `needle`. */
  async text(sessionId: string, needle: string): Promise<string> {
    await this.recorder.waitFor(() => this.agentText(sessionId).includes(needle), `agent text "${needle}"`);
    return this.agentText(sessionId);
  }

  entries(sessionId: string): SessionLogEntry[] {
    return this.recorder.events
      .filter((e): e is LogEvent => e.type === 'session.log' && e.entry.sessionId === sessionId)
      .map((e) => e.entry);
  }

  agentText(sessionId: string): string {
    return agentTextOf(this.entries(sessionId));
  }

  stop(): void {
    this.recorder.stop();
  }
}

export function agentTextOf(entries: SessionLogEntry[]): string {
  return entries
    .filter((e) => e.kind === 'update')
    .map((e) => e.payload as { sessionUpdate: string; content?: { type: string; text?: string } })
    .filter((u) => u.sessionUpdate === 'agent_message_chunk' && u.content?.type === 'text')
    .map((u) => u.content?.text ?? '')
    .join('');
}

export interface SessionsCore {
  t: TestCore;
  watch: SessionWatch;
  workspaceId: string;
  /** The workspace's worktree. */
  worktree: string;
}

/** Per test: a fresh core with one workspace and a session watch, stopped and removed afterwards. */
export function useSessionsCore(): SessionsCore {
  const ctx = {} as SessionsCore;
  beforeEach(async () => {
    ctx.t = await startTestCore();
    ctx.watch = await SessionWatch.start(ctx.t);
    const { workspace } = await seedWorkspace(ctx.t);
    ctx.workspaceId = workspace.id;
    ctx.worktree = workspace.worktreePath;
  });
  afterEach(async () => {
    ctx.watch.stop();
    await ctx.t.stop({ removeData: true });
  });
  return ctx;
}
