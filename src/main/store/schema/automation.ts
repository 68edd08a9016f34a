import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { type IterateCheck, IteratePhase, IterateStatus } from '../../../shared/contract/iterate';
import type { ScheduleResult } from '../../../shared/contract/schedules';
import { enumValues } from './enum-values';
import { projects } from './projects';
import { sessions } from './sessions';
import { workspaces } from './workspaces';

/**
 * Iterate-until-green loops. `iteration` and `phase` are written before each step starts (a prompt sent, a
 * check run), so a restart continues from the step that was cut off and never sends a prompt twice.
 */
export const iterateLoops = sqliteTable(
  'iterate_loops',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    goal: text('goal').notNull(),
    command: text('command').notNull(),
    maxIterations: integer('max_iterations').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    iteration: integer('iteration').notNull(),
    phase: text('phase', { enum: enumValues(IteratePhase) }).notNull(),
    status: text('status', { enum: enumValues(IterateStatus) }).notNull(),
    reason: text('reason'),
    lastCheck: text('last_check', { mode: 'json' }).$type<IterateCheck>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('iterate_loops_workspace_idx').on(t.workspaceId)],
);

/** Prompts on a cron schedule, per workspace (`workspace_id`) or per project (a new workspace each run). */
export const schedules = sqliteTable('schedules', {
  id: text('id').primaryKey(),
  projectId: text('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull(),
  prompt: text('prompt'),
  quickAction: text('quick_action'),
  provider: text('provider'),
  runMissed: integer('run_missed', { mode: 'boolean' }).notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  /** The scheduled time last handled (run, skipped or missed): runs after it and before now were missed. */
  lastSlotAt: integer('last_slot_at', { mode: 'timestamp_ms' }).notNull(),
  lastResult: text('last_result', { mode: 'json' }).$type<ScheduleResult>(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});
