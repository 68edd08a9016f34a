import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PullReviewStatus, type ReviewComment, ReviewVerdict } from '../../../shared/contract/reviews';
import { enumValues } from './enum-values';
import { projects } from './projects';
import { workspaces } from './workspaces';

/**
 * Reviews of other people's pull requests made with an agent (the review inbox): the link between a PR and
 * its review workspace, the draft the user edits (kept across restarts), and the submitted outcome.
 */
export const pullReviews = sqliteTable(
  'pull_reviews',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sessionId: text('session_id'),
    repo: text('repo').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    url: text('url').notNull(),
    headSha: text('head_sha').notNull(),
    status: text('status', { enum: enumValues(PullReviewStatus) }).notNull(),
    summary: text('summary').notNull().default(''),
    verdict: text('verdict', { enum: enumValues(ReviewVerdict) })
      .notNull()
      .default('COMMENT'),
    comments: text('comments', { mode: 'json' }).$type<ReviewComment[]>().notNull(),
    edited: integer('edited', { mode: 'boolean' }).notNull().default(false),
    agentText: text('agent_text').notNull().default(''),
    readProblem: text('read_problem'),
    submitError: text('submit_error'),
    submittedUrl: text('submitted_url'),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** The review session's first prompt and agent, until the session is started (restart-safe). */
    pendingPrompt: text('pending_prompt'),
    provider: text('provider').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('pull_reviews_workspace_idx').on(t.workspaceId)],
);
