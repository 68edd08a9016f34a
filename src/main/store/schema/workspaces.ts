import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  CiState,
  type PrDetails,
  PrState,
  ReviewState,
  ScriptKind,
  ScriptRunStatus,
  WorkspaceStatus,
} from '../../../shared/contract/workspaces';
import { enumValues } from './enum-values';
import { projects } from './projects';

/** The first session of a workspace started from an issue, waiting for the worktree. */
export interface FirstSession {
  provider: string;
  title: string;
  prompt: string;
}

/** One task = one worktree + one branch. The kanban column and Ratchet state are derived, never stored. */
export const workspaces = sqliteTable(
  'workspaces',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    branch: text('branch').notNull(),
    baseBranch: text('base_branch').notNull(),
    /** The only path archiving may remove (through `git worktree remove`). */
    worktreePath: text('worktree_path').notNull(),
    status: text('status', { enum: enumValues(WorkspaceStatus) })
      .notNull()
      .default('NEW'),
    statusReason: text('status_reason'),
    /** Port handed to the `run` script as PORT / FF_PORT; unique across live workspaces. */
    runPort: integer('run_port'),
    // GitHub link (filled by the GitHub issue; room left here so the board can derive columns).
    issueNumber: integer('issue_number'),
    issueTitle: text('issue_title'),
    issueUrl: text('issue_url'),
    prNumber: integer('pr_number'),
    prUrl: text('pr_url'),
    /** Cached PR facts. */
    prState: text('pr_state', { enum: enumValues(PrState) }),
    ciState: text('ci_state', { enum: enumValues(CiState) }),
    reviewState: text('review_state', { enum: enumValues(ReviewState) }),
    /** The rest of the PR's facts the board shows (failing checks, threads, mergeability, head, a note). */
    prDetails: text('pr_details', { mode: 'json' }).$type<PrDetails>(),
    /**
     * The first session a workspace started from an issue gets once it is READY (provider, title, prompt):
     * stored so a restart before then still sends it, once; cleared when the session is created.
     */
    firstSession: text('first_session', { mode: 'json' }).$type<FirstSession>(),
    hasMergeConflict: integer('has_merge_conflict', { mode: 'boolean' }),
    ratchetEnabled: integer('ratchet_enabled', { mode: 'boolean' }).notNull().default(false),
    ratchetSettings: text('ratchet_settings', { mode: 'json' }).$type<Record<string, unknown>>(),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('workspaces_project_idx').on(t.projectId)],
);

/** Output of setup / run / cleanup scripts, capped at 1 MiB per run. */
export const scriptRuns = sqliteTable(
  'script_runs',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: enumValues(ScriptKind) }).notNull(),
    command: text('command').notNull(),
    status: text('status', { enum: enumValues(ScriptRunStatus) }).notNull(),
    exitCode: integer('exit_code'),
    output: text('output').notNull().default(''),
    truncated: integer('truncated', { mode: 'boolean' }).notNull().default(false),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('script_runs_workspace_idx').on(t.workspaceId)],
);
