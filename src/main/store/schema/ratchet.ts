import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { RatchetActivityKind } from '../../../shared/contract/ratchet';
import { enumValues } from './enum-values';
import { workspaces } from './workspaces';

/**
 * Ratchet's own record of a workspace: the settings it overrides and where its work stands (the attempt in
 * flight, the snapshots worked on, the comments answered), so a restart resumes or abandons an attempt and
 * never repeats a push or a merge. Whether Ratchet is on is the workspace's `ratchet_enabled`.
 */
export const ratchetWorkspaces = sqliteTable('ratchet_workspaces', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  overrides: text('overrides', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  progress: text('progress', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** What Ratchet saw and did, per workspace, append-only. */
export const ratchetActivity = sqliteTable(
  'ratchet_activity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind', { enum: enumValues(RatchetActivityKind) }).notNull(),
    message: text('message').notNull(),
    links: text('links', { mode: 'json' }).$type<Array<{ label: string; url: string }>>().notNull(),
  },
  (t) => [index('ratchet_activity_workspace_idx').on(t.workspaceId, t.id)],
);
