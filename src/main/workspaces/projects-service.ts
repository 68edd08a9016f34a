import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Project } from '../../shared/contract/projects';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { isValidBranchName, resolveRef } from '../git/refs';
import { expandHome } from '../paths';
import { inspectRepository, type RepositoryProblem } from './inspect-repository';
import type { ProjectPatch, ProjectsRepository } from './projects-repository';

export type UpdateProjectError =
  | { code: 'NOT_FOUND'; entity: 'project'; id: string }
  | { code: 'INVALID'; field: string; reason: string };

export type AddProjectError = {
  code: 'PROJECT_PATH_REJECTED';
  problem: RepositoryProblem | 'ALREADY_ADDED';
  path: string;
};

export interface ProjectsServiceDeps {
  repo: ProjectsRepository;
  events: EventBus;
}

/** Projects: local repositories. Nothing here writes to a repository. */
export class ProjectsService {
  private readonly repo: ProjectsRepository;
  private readonly events: EventBus;

  constructor(deps: ProjectsServiceDeps) {
    this.repo = deps.repo;
    this.events = deps.events;
  }

  list(): Project[] {
    return this.repo.list();
  }

  get(id: string): Project | null {
    return this.repo.get(id);
  }

  async add(input: { path: string; name?: string }): Promise<Result<Project, AddProjectError>> {
    const requested = path.resolve(expandHome(input.path));
    const facts = await inspectRepository(requested);
    if (!facts.ok) return err({ code: 'PROJECT_PATH_REJECTED', problem: facts.error, path: requested });
    if (this.repo.findByPath(facts.value.root)) {
      return err({ code: 'PROJECT_PATH_REJECTED', problem: 'ALREADY_ADDED', path: facts.value.root });
    }
    const project = this.repo.insert({
      id: randomUUID(),
      name: input.name ?? path.basename(facts.value.root),
      path: facts.value.root,
      defaultBranch: facts.value.defaultBranch,
      remoteUrl: facts.value.remoteUrl,
    });
    this.events.publish({ type: 'project.changed', project });
    return ok(project);
  }

  /** Updates settings; a new default branch must exist locally or on origin (else an INVALID result). */
  async update(id: string, patch: ProjectPatch): Promise<Result<Project, UpdateProjectError>> {
    const current = this.repo.get(id);
    if (!current) return err({ code: 'NOT_FOUND', entity: 'project', id });
    if (patch.defaultBranch !== undefined) {
      const branch = patch.defaultBranch;
      const known =
        (await isValidBranchName(current.path, branch)) &&
        ((await resolveRef(current.path, `refs/heads/${branch}`)) ??
          (await resolveRef(current.path, `refs/remotes/origin/${branch}`)));
      if (!known) {
        return err({
          code: 'INVALID',
          field: 'defaultBranch',
          reason: `"${branch}" is not a branch of this repository`,
        });
      }
    }
    const worktreeRoot =
      patch.worktreeRoot == null ? patch.worktreeRoot : path.resolve(expandHome(patch.worktreeRoot));
    const project = this.repo.update(id, {
      ...patch,
      ...(patch.worktreeRoot !== undefined ? { worktreeRoot } : {}),
    });
    if (!project) return err({ code: 'NOT_FOUND', entity: 'project', id });
    this.events.publish({ type: 'project.changed', project });
    return ok(project);
  }

  /**
   * Which remotes are on GitHub depends on the host in Settings: when it changes, every project is published
   * again with its `github` read against the new host. Returns the unsubscribe function.
   */
  followGitHubHost(initial: string): () => void {
    let host = initial;
    return this.events.on((event) => {
      if (event.type !== 'settings.changed' || event.settings.githubHost === host) return;
      host = event.settings.githubHost;
      for (const project of this.repo.list()) this.events.publish({ type: 'project.changed', project });
    });
  }

  remove(id: string): boolean {
    const removed = this.repo.remove(id);
    if (removed) this.events.publish({ type: 'project.removed', projectId: id });
    return removed;
  }
}
