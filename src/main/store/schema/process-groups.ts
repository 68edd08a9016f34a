import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What started a process group: it decides how a leftover one is ended. */
export const PROCESS_GROUP_KINDS = ['agent', 'agent_terminal', 'script', 'terminal'] as const;
export type ProcessGroupKind = (typeof PROCESS_GROUP_KINDS)[number];

/**
 * Every process group the core started and has not seen end, so the next start can end the ones a crash left
 * behind. `pid` is the group's leader (its pid is the group id); `start_time` tells that leader apart from a
 * later process reusing the pid.
 */
export const processGroups = sqliteTable('process_groups', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: PROCESS_GROUP_KINDS }).notNull(),
  /** The session, script run or terminal the group belongs to (for the log). */
  ownerId: text('owner_id').notNull(),
  pid: integer('pid').notNull(),
  startTime: text('start_time').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});
