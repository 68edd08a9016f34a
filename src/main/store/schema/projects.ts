import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A local git repository the user added. Removing a project never touches the repository. */
export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Real (symlink-resolved) path of the repository's main work tree. */
  path: text('path').notNull().unique(),
  defaultBranch: text('default_branch').notNull(),
  remoteUrl: text('remote_url'),
  githubOwner: text('github_owner'),
  githubRepo: text('github_repo'),
  /** Null means `<data>/worktrees/<project>`. */
  worktreeRoot: text('worktree_root'),
  branchPrefix: text('branch_prefix').notNull().default('ff'),
  /** Scripts from project settings (JSON `{ setup?, run?, cleanup? }`); factory-factory.json wins per key. */
  scripts: text('scripts', { mode: 'json' }).$type<{ setup?: string; run?: string; cleanup?: string }>(),
  /** The project's agents get GH_TOKEN (the user's GitHub token); off unless the user turns it on. */
  agentGitHubAccess: integer('agent_github_access', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});
