import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Project, ProjectScripts } from '../../shared/contract/projects';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { inspectRepository, type RepositoryProblem } from './inspect-repository';
import type { ProjectsRepository } from './projects-repository';

export type AddProjectError = {
  code: 'PROJECT_PATH_REJECTED';
  problem: RepositoryProblem | 'ALREADY_ADDED';
  path: string;
};

/** Projects: local repositories. Nothing here writes to a repository. */
export class ProjectsService {
  constructor(
    private readonly repo: ProjectsRepository,
    private readonly events: EventBus,
  ) {}

  list(): Project[] {
    return this.repo.list();
  }

  get(id: string): Project | null {
    return this.repo.get(id);
  }

  async add(input: { path: string; name?: string }): Promise<Result<Project, AddProjectError>> {
    const requested = path.resolve(input.path);
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

  update(
    id: string,
    patch: { name?: string; worktreeRoot?: string | null; branchPrefix?: string; scripts?: ProjectScripts },
  ): Project | null {
    const worktreeRoot = patch.worktreeRoot == null ? patch.worktreeRoot : path.resolve(patch.worktreeRoot);
    const project = this.repo.update(id, {
      ...patch,
      ...(patch.worktreeRoot !== undefined ? { worktreeRoot } : {}),
    });
    if (project) this.events.publish({ type: 'project.changed', project });
    return project;
  }

  remove(id: string): boolean {
    const removed = this.repo.remove(id);
    if (removed) this.events.publish({ type: 'project.removed', projectId: id });
    return removed;
  }
}
