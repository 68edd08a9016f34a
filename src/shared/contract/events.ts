import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { base } from './base';
import { Id } from './common';
import { Project } from './projects';
import { Session, SessionLogEntry } from './sessions';
import { AppSettings } from './settings';
import { Terminal } from './terminals';
import { ScriptRun, Workspace, WorkspaceProgress } from './workspaces';

/**
 * Everything the core pushes to renderers. Each domain adds its own variants here; the renderer's stores
 * switch on `type`. Events carry whole entities (not patches) so a store can apply them idempotently.
 */
export const DomainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project.changed'), project: Project }),
  z.object({ type: z.literal('project.removed'), projectId: Id }),
  z.object({ type: z.literal('settings.changed'), settings: AppSettings }),
  z.object({ type: z.literal('workspace.changed'), workspace: Workspace }),
  z.object({ type: z.literal('workspace.progress'), progress: WorkspaceProgress }),
  z.object({ type: z.literal('script_run.changed'), run: ScriptRun }),
  z.object({ type: z.literal('script_run.output'), runId: Id, workspaceId: Id, chunk: z.string() }),
  z.object({ type: z.literal('session.changed'), session: Session }),
  z.object({ type: z.literal('session.log'), entry: SessionLogEntry }),
  z.object({ type: z.literal('terminal.changed'), terminal: Terminal }),
  z.object({ type: z.literal('terminal.removed'), terminalId: Id, workspaceId: Id }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];

export const events = {
  /**
   * Live domain events from the moment of subscription. The first item is always `{ type: 'hello' }`
   * so a client knows the stream is open before it loads snapshots (no gap between load and subscribe).
   */
  subscribe: base
    .input(z.void())
    .output(eventIterator(z.union([z.object({ type: z.literal('hello'), at: z.number() }), DomainEvent]))),
};
