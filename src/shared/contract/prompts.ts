import { z } from 'zod';
import { base } from './base';
import { Id } from './common';
import { PermissionPreset } from './sessions';

/** Where a prompt file comes from; a later layer overrides an earlier one by file name (see README "Prompts"). */
export const PromptSource = z.enum(['builtin', 'user', 'project']);
export type PromptSource = z.infer<typeof PromptSource>;

/** Whether a quick action prompts the session the user is in, or starts a new one. */
export const QuickActionSession = z.enum(['current', 'new']);
export type QuickActionSession = z.infer<typeof QuickActionSession>;

/**
 * A prompt file's YAML frontmatter. Every field is optional; quick actions read `session`, `provider`, `mode`
 * and `preset`; `variables` declares the values a built-in's callers supply, so overrides may use them too.
 */
export const PromptMeta = z.object({
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(1000).optional(),
  variables: z.array(z.string().regex(/^\w+$/)).max(100).optional(),
  session: QuickActionSession.optional(),
  provider: z.string().min(1).max(100).optional(),
  mode: z.string().min(1).max(200).optional(),
  preset: PermissionPreset.optional(),
  /** Sort key of quick actions (buttons, `/` commands); lower comes first. */
  order: z.number().int().optional(),
});
export type PromptMeta = z.infer<typeof PromptMeta>;

/** One prompt as it applies (the winning layer for its id). */
export const PromptInfo = z.object({
  /** The path under `prompts/` without `.md`, with `/`: `github/issue`, `quick-actions/simplify`. */
  id: z.string(),
  source: PromptSource,
  path: z.string(),
  meta: PromptMeta,
  /** The `{{variables}}` the template uses. */
  variables: z.array(z.string()),
});
export type PromptInfo = z.infer<typeof PromptInfo>;

/** A file that cannot be used, and why (bad frontmatter, unknown variable, empty template, unreadable). */
export const BrokenPrompt = z.object({
  id: z.string(),
  source: PromptSource,
  path: z.string(),
  reason: z.string(),
});
export type BrokenPrompt = z.infer<typeof BrokenPrompt>;

/** A quick action as the buttons, `/` commands and the palette show it. */
export const QuickAction = z.object({
  /** The file name without `.md`: `review-changes`; also its `/` command. */
  name: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  session: QuickActionSession,
  provider: z.string().nullable(),
  mode: z.string().nullable(),
  preset: PermissionPreset.nullable(),
  source: PromptSource,
});
export type QuickAction = z.infer<typeof QuickAction>;

export const prompts = {
  /**
   * Every prompt that applies (to a project, with its `.factory-factory/prompts/` layer, when `projectId` is
   * given) and every broken file with its reason. NOT_FOUND for an unknown project.
   */
  list: base
    .input(z.object({ projectId: Id.optional() }))
    .output(z.object({ prompts: z.array(PromptInfo), broken: z.array(BrokenPrompt) })),
  /** The quick actions of a workspace's project, in order. NOT_FOUND for an unknown workspace. */
  quickActions: base.input(z.object({ workspaceId: Id })).output(z.array(QuickAction)),
  /**
   * Renders a quick action for a workspace and sends it: to `sessionId` (or the workspace's latest active
   * session) when the action runs in the current session, else to a new session (the action's provider, or
   * `provider`, or the workspace's latest session's). Returns the session it went to. INVALID when the file is
   * broken or renders to nothing (the reason says which), NOT_FOUND for an unknown workspace or action.
   */
  runQuickAction: base
    .input(
      z.object({
        workspaceId: Id,
        name: z.string().min(1).max(200),
        sessionId: Id.optional(),
        provider: z.string().min(1).max(100).optional(),
      }),
    )
    .output(z.object({ sessionId: Id, newSession: z.boolean() })),
};
