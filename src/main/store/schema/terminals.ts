import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TerminalKind, TerminalStatus } from '../../../shared/contract/terminals';
import { enumValues } from './enum-values';
import { workspaces } from './workspaces';

/** Terminal metadata; the live PTY and its replay buffer are in memory only. */
export const terminals = sqliteTable(
  'terminals',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: enumValues(TerminalKind) })
      .notNull()
      .default('shell'),
    cwd: text('cwd').notNull(),
    pid: integer('pid'),
    status: text('status', { enum: enumValues(TerminalStatus) }).notNull(),
    exitCode: integer('exit_code'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('terminals_workspace_idx').on(t.workspaceId)],
);
