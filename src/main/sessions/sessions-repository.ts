import { asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { SandboxSummary } from '../../shared/contract/sandbox';
import type {
  PermissionPreset,
  QueuedPrompt,
  Session,
  SessionCommand,
  SessionConfigOption,
  SessionErrorKind,
  SessionMode,
} from '../../shared/contract/sessions';
import type { Db } from '../store/database';
import { sessions } from '../store/schema';

/** What the `runtime` JSON column holds: what must survive a restart and has no column of its own. */
interface StoredRuntime {
  errorKind: SessionErrorKind | null;
  loginHint: string | null;
  modes: { currentModeId: string | null; available: SessionMode[] };
  configOptions: SessionConfigOption[];
  commands: SessionCommand[];
  queue: QueuedPrompt[];
  /** The queue was held by a cancel (see Session.queueHeld). */
  queueHeld: boolean;
  /** Tool kinds the user allowed always in this session. */
  alwaysAllowed: string[];
  runningMs: number;
  canResume: boolean;
  readOnly: boolean;
  hibernated: boolean;
  /** Summary of a previous session, sent with the first prompt (continue in a new session). */
  carryOver: string | null;
  /** The confinement of the agent's last process (shown on the session). */
  sandbox: SandboxSummary | null;
}

const EMPTY_RUNTIME: StoredRuntime = {
  errorKind: null,
  loginHint: null,
  modes: { currentModeId: null, available: [] },
  configOptions: [],
  commands: [],
  queue: [],
  queueHeld: false,
  alwaysAllowed: [],
  runningMs: 0,
  canResume: false,
  readOnly: false,
  hibernated: false,
  carryOver: null,
  sandbox: null,
};

type Row = typeof sessions.$inferSelect;

/** Stored facts that are not part of the Session entity. */
export interface SessionExtras {
  alwaysAllowed: string[];
  carryOver: string | null;
}

export interface SessionRecord {
  session: Session;
  extras: SessionExtras;
  pid: number | null;
  pgid: number | null;
  capabilities: Record<string, unknown> | null;
}

/** The one writer of the `sessions` table. */
export class SessionsRepository {
  /** `save` runs on every status change of every session: prepared once rather than built per call. */
  private readonly update;

  constructor(private readonly db: Db) {
    // Raw placeholders: `save` passes values already encoded as stored. drizzle would run a bound placeholder
    // through the column's encoder, which turns null into "null" (JSON) or throws (timestamps).
    const raw = (name: string) => sql`${sql.placeholder(name)}`;
    this.update = db
      .update(sessions)
      .set({
        title: raw('title'),
        agentSessionId: raw('agentSessionId'),
        status: raw('status'),
        statusReason: raw('statusReason'),
        permissionPreset: raw('permissionPreset'),
        mode: raw('mode'),
        usage: raw('usage'),
        runtime: raw('runtime'),
        agentCapabilities: raw('agentCapabilities'),
        pid: raw('pid'),
        pgid: raw('pgid'),
        lastActivityAt: raw('lastActivityAt'),
        updatedAt: raw('updatedAt'),
      })
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare();
  }

  insert(input: {
    id: string;
    workspaceId: string;
    title: string;
    provider: string;
    permissionPreset: PermissionPreset;
    runtime?: Partial<StoredRuntime>;
  }): SessionRecord {
    const now = new Date();
    const row = this.db
      .insert(sessions)
      .values({
        id: input.id,
        workspaceId: input.workspaceId,
        title: input.title,
        provider: input.provider,
        permissionPreset: input.permissionPreset,
        status: 'STARTING',
        runtime: { ...EMPTY_RUNTIME, ...input.runtime } as unknown as Record<string, unknown>,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return toRecord(row);
  }

  get(id: string): SessionRecord | null {
    const row = this.db.select().from(sessions).where(eq(sessions.id, id)).get();
    return row ? toRecord(row) : null;
  }

  list(workspaceId?: string): SessionRecord[] {
    const query = this.db.select().from(sessions);
    const rows = workspaceId
      ? query.where(eq(sessions.workspaceId, workspaceId)).orderBy(asc(sessions.createdAt)).all()
      : query.orderBy(asc(sessions.createdAt)).all();
    return rows.map(toRecord);
  }

  /** Writes the mutable parts of a session entity (and its runtime) back. */
  save(record: SessionRecord): void {
    const s = record.session;
    // Encoded as the columns store them: JSON text (mode 'json') and epoch milliseconds (mode 'timestamp_ms').
    this.update.run({
      id: s.id,
      title: s.title,
      agentSessionId: s.agentSessionId,
      status: s.status,
      statusReason: s.statusReason,
      permissionPreset: s.permissionPreset,
      mode: s.modes.currentModeId,
      usage: jsonOrNull(s.usage),
      runtime: JSON.stringify(toRuntime(record)),
      agentCapabilities: jsonOrNull(record.capabilities),
      pid: record.pid,
      pgid: record.pgid,
      lastActivityAt: s.lastActivityAt,
      updatedAt: s.updatedAt,
    });
  }

  /** Forgets the agent processes a previous core recorded (at start: none of them is ours any more). */
  clearProcesses(): void {
    this.db.update(sessions).set({ pid: null, pgid: null }).where(isNotNull(sessions.pgid)).run();
  }

  /** Deletes a session; its log goes with it (foreign key, on delete cascade). */
  remove(id: string): void {
    this.db.delete(sessions).where(eq(sessions.id, id)).run();
  }
}

function toRecord(row: Row): SessionRecord {
  const runtime = { ...EMPTY_RUNTIME, ...((row.runtime ?? {}) as Partial<StoredRuntime>) };
  const session: Session = {
    id: row.id,
    workspaceId: row.workspaceId,
    title: row.title,
    provider: row.provider,
    agentSessionId: row.agentSessionId,
    status: row.status,
    statusReason: row.statusReason,
    errorKind: runtime.errorKind,
    loginHint: runtime.loginHint,
    permissionPreset: row.permissionPreset,
    modes: runtime.modes,
    configOptions: runtime.configOptions,
    commands: runtime.commands,
    canResume: runtime.canResume,
    readOnly: runtime.readOnly,
    process: { state: runtime.hibernated ? 'hibernated' : 'none', pid: null, queuePosition: null },
    queue: runtime.queue,
    queueHeld: runtime.queueHeld,
    pendingPermissions: [],
    usage: row.usage ?? null,
    runningMs: runtime.runningMs,
    lastActivityAt: row.lastActivityAt ? row.lastActivityAt.getTime() : null,
    sandbox: runtime.sandbox,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  const extras = { alwaysAllowed: runtime.alwaysAllowed, carryOver: runtime.carryOver };
  return { session, extras, pid: row.pid, pgid: row.pgid, capabilities: row.agentCapabilities ?? null };
}

function toRuntime(record: SessionRecord): StoredRuntime {
  const s = record.session;
  return {
    errorKind: s.errorKind,
    loginHint: s.loginHint,
    modes: s.modes,
    configOptions: s.configOptions,
    commands: s.commands,
    queue: s.queue,
    queueHeld: s.queueHeld,
    alwaysAllowed: record.extras.alwaysAllowed,
    runningMs: s.runningMs,
    canResume: s.canResume,
    readOnly: s.readOnly,
    hibernated: s.process.state === 'hibernated',
    carryOver: record.extras.carryOver,
    sandbox: s.sandbox,
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
