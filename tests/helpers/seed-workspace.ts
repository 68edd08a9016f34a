import type { ContractClient } from '../../src/shared/contract';
import type { DomainEvent } from '../../src/shared/contract/events';
import type { Project, ProjectScripts } from '../../src/shared/contract/projects';
import type { Workspace } from '../../src/shared/contract/workspaces';
import { makeRepo, type RepoOptions } from '../fixtures/repo-builders';
import type { TestCore } from './core-harness';

/**
 * Records domain events from the moment it is created; `waitFor` resolves with the first recorded (or future)
 * event matching the predicate. Tests wait on these receipts instead of sleeping. Given a test core it listens
 * on the core's bus in process (every event, session log entries and script output included, in publish
 * order); given a client (a core in another process) it follows the `events.board` topic.
 */
export class EventRecorder {
  readonly events: DomainEvent[] = [];
  private readonly waiters: Array<{ match: (e: DomainEvent) => boolean; resolve: (e: DomainEvent) => void }> =
    [];
  private readonly controller = new AbortController();

  private constructor() {}

  static async start(source: TestCore | ContractClient): Promise<EventRecorder> {
    const recorder = new EventRecorder();
    if ('core' in source) {
      const off = source.core.services.events.on((event) => recorder.record(event));
      recorder.controller.signal.addEventListener('abort', off, { once: true });
      return recorder;
    }
    const stream = await source.events.board(undefined, { signal: recorder.controller.signal });
    const hello = await stream.next();
    if (hello.done || hello.value.type !== 'hello') throw new Error('events.board did not start with hello');
    void (async () => {
      try {
        for await (const item of stream) {
          if (item.type === 'resync') throw new Error('The event recorder fell behind the board');
          if (item.type === 'event') recorder.record(item.event);
        }
      } catch {
        // The link closed (core stopped).
      }
    })();
    return recorder;
  }

  private record(event: DomainEvent): void {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  }

  /** A position in the recording; pass it as `after` to ignore events recorded before it. */
  mark(): number {
    return this.events.length;
  }

  waitFor(
    match: (e: DomainEvent) => boolean,
    label = 'event',
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<DomainEvent> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const seen = this.events.slice(options.after ?? 0).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${label}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /** Resolves with the workspace once a `workspace.changed` event shows it in one of `statuses`. */
  workspaceIn(id: string, ...statuses: Workspace['status'][]): Promise<Workspace> {
    return this.workspaceInAfter(0, id, ...statuses);
  }

  /** Like `workspaceIn`, considering only events recorded after `mark` (see `mark()`). */
  async workspaceInAfter(mark: number, id: string, ...statuses: Workspace['status'][]): Promise<Workspace> {
    const event = await this.waitFor(
      (e) => e.type === 'workspace.changed' && e.workspace.id === id && statuses.includes(e.workspace.status),
      `workspace ${id} to be ${statuses.join('|')}`,
      { after: mark },
    );
    return (event as Extract<DomainEvent, { type: 'workspace.changed' }>).workspace;
  }

  /** All script output chunks recorded so far for a workspace, joined. */
  scriptOutput(workspaceId: string): string {
    return this.events
      .filter((e) => e.type === 'script_run.output' && e.workspaceId === workspaceId)
      .map((e) => (e as Extract<DomainEvent, { type: 'script_run.output' }>).chunk)
      .join('');
  }

  stop(): void {
    this.controller.abort();
  }
}

export interface SeededWorkspace {
  repo: string;
  project: Project;
  workspace: Workspace;
}

/**
 * A READY workspace on a fresh temp repository, created through the real service (git worktree, port, env).
 * For other domains' tests (sessions, terminals): `workspace.worktreePath` is a real worktree. `source` is a
 * test core, or a client of a core in another process (`ff serve`).
 */
export async function seedWorkspace(
  source: TestCore | ContractClient,
  options: { name?: string; scripts?: ProjectScripts; repo?: string; repoOptions?: RepoOptions } = {},
): Promise<SeededWorkspace> {
  const client = 'core' in source ? source.client : source;
  const repo = options.repo ?? makeRepo(options.repoOptions);
  const existing = (await client.projects.list()).find((p) => p.path === repo);
  let project = existing ?? (await client.projects.add({ path: repo }));
  if (options.scripts) project = await client.projects.update({ id: project.id, scripts: options.scripts });
  const recorder = await EventRecorder.start(source);
  try {
    const created = await client.workspaces.create({
      projectId: project.id,
      name: options.name ?? 'Seeded task',
    });
    const workspace = await recorder.workspaceIn(created.id, 'READY', 'FAILED');
    if (workspace.status !== 'READY') throw new Error(`seeded workspace failed: ${workspace.statusReason}`);
    return { repo, project, workspace };
  } finally {
    recorder.stop();
  }
}
