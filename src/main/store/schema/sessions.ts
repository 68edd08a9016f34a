import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  PermissionPreset,
  type Session,
  SessionLogKind,
  SessionStatus,
} from '../../../shared/contract/sessions';
import { enumValues } from './enum-values';
import { workspaces } from './workspaces';

/** One ACP conversation in a workspace. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** claude | codex | custom:<name> */
    provider: text('provider').notNull(),
    /** The agent's own session id (for session/load or session/resume). */
    agentSessionId: text('agent_session_id'),
    status: text('status', { enum: enumValues(SessionStatus) })
      .notNull()
      .default('STARTING'),
    statusReason: text('status_reason'),
    permissionPreset: text('permission_preset', { enum: enumValues(PermissionPreset) })
      .notNull()
      .default('RELAXED'),
    mode: text('mode'),
    model: text('model'),
    configOptions: text('config_options', { mode: 'json' }).$type<Record<string, unknown>>(),
    agentCapabilities: text('agent_capabilities', { mode: 'json' }).$type<Record<string, unknown>>(),
    usage: text('usage', { mode: 'json' }).$type<NonNullable<Session['usage']>>(),
    /** Sessions-service state that must survive a restart: modes, commands, queue, error kind, budgets. */
    runtime: text('runtime', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Recorded so a crashed core can reap orphaned agents at the next start. */
    pid: integer('pid'),
    pgid: integer('pgid'),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('sessions_workspace_idx').on(t.workspaceId)],
);

/**
 * Append-only, sequence-numbered log of a conversation: prompts, every session/update,
 * permission decisions, errors. The transcript is rebuilt from it.
 */
export const sessionLog = sqliteTable(
  'session_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: enumValues(SessionLogKind) }).notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('session_log_session_seq_idx').on(t.sessionId, t.seq)],
);
