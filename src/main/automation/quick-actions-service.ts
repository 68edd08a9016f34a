import type { Project } from '../../shared/contract/projects';
import type { QuickAction } from '../../shared/contract/prompts';
import type { Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { PromptLibrary } from '../prompts/prompt-library';
import { workspaceVariables } from '../prompts/prompt-variables';
import type { Problem } from '../rpc-errors';
import { type DeliveryDeps, deliver } from './prompt-delivery';

export interface QuickActionsDeps extends DeliveryDeps {
  prompts: PromptLibrary;
  workspaces: { get(id: string): Workspace | null };
  projects: { get(id: string): Project | null };
}

const FOLDER = 'quick-actions/';

/** A rendered quick action, ready to deliver. */
export interface RenderedAction {
  action: QuickAction;
  text: string;
}

/**
 * Quick actions: the prompt files in `quick-actions/` (built-in, user, project), rendered with the workspace's
 * variables and sent to the current session or a new one, as their frontmatter says.
 */
export class QuickActionsService {
  constructor(private readonly deps: QuickActionsDeps) {}

  async list(workspaceId: string): Promise<Result<QuickAction[], Problem>> {
    const scope = this.scope(workspaceId, false);
    if (!scope.ok) return scope;
    const { prompts } = await this.deps.prompts.list(scope.value.project?.path);
    return ok(
      prompts
        .filter((p) => p.id.startsWith(FOLDER) && !p.id.slice(FOLDER.length).includes('/'))
        .map((p) => ({
          name: p.id.slice(FOLDER.length),
          title: p.meta.title ?? p.id.slice(FOLDER.length),
          description: p.meta.description ?? null,
          session: p.meta.session ?? 'current',
          provider: p.meta.provider ?? null,
          mode: p.meta.mode ?? null,
          preset: p.meta.preset ?? null,
          source: p.source,
          order: p.meta.order ?? 1000,
        }))
        .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title))
        .map(({ order: _order, ...action }) => action),
    );
  }

  /** Renders a quick action for a workspace; INVALID with the reason when its file is broken or renders to nothing. */
  async render(workspaceId: string, name: string): Promise<Result<RenderedAction, Problem>> {
    const scope = this.scope(workspaceId, true);
    if (!scope.ok) return scope;
    const { workspace, project } = scope.value;
    if (name.includes('/') || name.includes('\\'))
      return err({ code: 'NOT_FOUND', entity: 'quick action', id: name });
    const rendered = await this.deps.prompts.render(
      `${FOLDER}${name}`,
      workspaceVariables(workspace, project),
      {
        projectPath: project?.path,
      },
    );
    if (!rendered.ok) {
      return rendered.error.code === 'NOT_FOUND'
        ? err({ code: 'NOT_FOUND', entity: 'quick action', id: name })
        : err(rendered.error);
    }
    const { meta, source } = rendered.value.prompt;
    return ok({
      text: rendered.value.text,
      action: {
        name,
        title: meta.title ?? name,
        description: meta.description ?? null,
        session: meta.session ?? 'current',
        provider: meta.provider ?? null,
        mode: meta.mode ?? null,
        preset: meta.preset ?? null,
        source,
      },
    });
  }

  /** Runs a quick action in a READY workspace; returns the session the prompt went to. */
  async run(input: {
    workspaceId: string;
    name: string;
    sessionId?: string;
    provider?: string;
    background?: boolean;
  }): Promise<Result<{ sessionId: string; newSession: boolean }, Problem>> {
    const rendered = await this.render(input.workspaceId, input.name);
    if (!rendered.ok) return rendered;
    const { action, text } = rendered.value;
    return deliver(this.deps, {
      workspaceId: input.workspaceId,
      text,
      session: action.session,
      sessionId: action.session === 'current' ? input.sessionId : undefined,
      providers: [action.provider, input.provider],
      title: action.title,
      preset: action.preset ?? undefined,
      mode: action.mode ?? undefined,
      background: input.background,
    });
  }

  private scope(
    workspaceId: string,
    ready: boolean,
  ): Result<{ workspace: Workspace; project: Project | null }, Problem> {
    const workspace = this.deps.workspaces.get(workspaceId);
    if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    if (ready && workspace.status !== 'READY') {
      return err({
        code: 'CONFLICT',
        reason: `The workspace is ${workspace.status}; quick actions need it READY`,
      });
    }
    return ok({ workspace, project: this.deps.projects.get(workspace.projectId) });
  }
}
