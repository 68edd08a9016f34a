import { asc, eq } from 'drizzle-orm';
import type { Project, ProjectScripts } from '../../shared/contract/projects';
import { parseGithubRemote } from '../../shared/lib/github-remote';
import type { Db } from '../store/database';
import { projects } from '../store/schema';

type ProjectRow = typeof projects.$inferSelect;

export interface NewProject {
  id: string;
  name: string;
  path: string;
  defaultBranch: string;
  remoteUrl: string | null;
}

/** The project settings a user can change. */
export interface ProjectPatch {
  name?: string;
  worktreeRoot?: string | null;
  branchPrefix?: string;
  defaultBranch?: string;
  scripts?: ProjectScripts;
  agentGitHubAccess?: boolean;
}

/** The only writer of the `projects` table. */
export class ProjectsRepository {
  constructor(
    private readonly db: Db,
    private readonly defaultWorktreeRoot: (projectId: string, name: string) => string,
    /** The GitHub host remotes are recognised on (`github.com`, or the Enterprise host from Settings). */
    private readonly githubHost: () => string = () => 'github.com',
  ) {}

  toProject(row: ProjectRow, githubHost = this.githubHost()): Project {
    return {
      id: row.id,
      name: row.name,
      path: row.path,
      defaultBranch: row.defaultBranch,
      remoteUrl: row.remoteUrl,
      // From the remote and the host as they are now: changing the host in Settings re-reads every project.
      github: parseGithubRemote(row.remoteUrl, githubHost),
      agentGitHubAccess: row.agentGitHubAccess,
      worktreeRoot: row.worktreeRoot ?? this.defaultWorktreeRoot(row.id, row.name),
      worktreeRootOverride: row.worktreeRoot,
      branchPrefix: row.branchPrefix,
      scripts: row.scripts ?? {},
      createdAt: row.createdAt.getTime(),
      updatedAt: row.updatedAt.getTime(),
    };
  }

  list(): Project[] {
    const host = this.githubHost();
    return this.db
      .select()
      .from(projects)
      .orderBy(asc(projects.createdAt))
      .all()
      .map((r) => this.toProject(r, host));
  }

  get(id: string): Project | null {
    const row = this.db.select().from(projects).where(eq(projects.id, id)).get();
    return row ? this.toProject(row) : null;
  }

  findByPath(path: string): Project | null {
    const row = this.db.select().from(projects).where(eq(projects.path, path)).get();
    return row ? this.toProject(row) : null;
  }

  insert(input: NewProject): Project {
    const github = parseGithubRemote(input.remoteUrl, this.githubHost());
    const now = new Date();
    const row = this.db
      .insert(projects)
      .values({
        ...input,
        githubOwner: github?.owner ?? null,
        githubRepo: github?.repo ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return this.toProject(row);
  }

  update(id: string, patch: ProjectPatch): Project | null {
    const row = this.db
      .update(projects)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(projects.id, id))
      .returning()
      .get();
    return row ? this.toProject(row) : null;
  }

  remove(id: string): boolean {
    return this.db.delete(projects).where(eq(projects.id, id)).run().changes > 0;
  }
}
