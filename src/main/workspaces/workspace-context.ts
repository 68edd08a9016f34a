import type { Project } from '../../shared/contract/projects';
import type { ProgressLevel, ProgressStep, Workspace } from '../../shared/contract/workspaces';
import type { Logger } from '../logging/logger';
import type { KeyedMutex } from './keyed-mutex';
import type { PortAllocator } from './port-allocator';
import type { ScriptSupervisor } from './script-supervisor';
import type { WorkspacePatch, WorkspaceRow, WorkspacesRepository } from './workspaces-repository';

/** What the workspace helpers (provisioner, archiver, recovery, git operations) share with the service. */
export interface WorkspaceContext {
  readonly repo: WorkspacesRepository;
  readonly logger: Logger;
  readonly scripts: ScriptSupervisor;
  /** One git worktree operation at a time per repository (keyed by the repository path). */
  readonly repoLocks: KeyedMutex;
  readonly ports: PortAllocator;
  project(id: string): Project | null;
  entity(row: WorkspaceRow): Workspace;
  /** Stores the patch, publishes `workspace.changed` with the whole entity and returns it. */
  update(id: string, patch: WorkspacePatch): Workspace | null;
  progress(workspaceId: string, step: ProgressStep, level: ProgressLevel, message: string): void;
  /** True once the core is shutting down: background work stops without changing statuses. */
  isDisposing(): boolean;
  /** Recomputes collisions and ahead/behind of the project's workspaces (coalesced, in the background). */
  refreshInsights(projectId: string): void;
}
