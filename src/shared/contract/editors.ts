import { z } from 'zod';
import { base } from './base';
import { Id } from './common';

export const EditorId = z.string().regex(/^[a-z0-9-]{1,40}$/);

/** Something that can open a worktree: an editor, the OS file manager, or the custom command from Settings. */
export const Editor = z.object({
  id: EditorId,
  label: z.string(),
  kind: z.enum(['editor', 'file-manager', 'custom']),
});
export type Editor = z.infer<typeof Editor>;

/** A command from Settings that opens a folder; `{path}` in an argument is replaced by the worktree's path. */
export const CustomEditor = z.object({
  label: z.string().trim().min(1).max(100),
  command: z.string().min(1).max(4096),
  args: z.array(z.string().max(4096)).max(50).default([]),
});
export type CustomEditor = z.infer<typeof CustomEditor>;

/**
 * Opening a worktree in a program on the machine that runs the core (in `ff serve` used locally, the same
 * machine as the browser). Programs are started with an argument list, never through a shell.
 */
export const editors = {
  /** VS Code (`code`), Cursor (`cursor`), Zed (`zed`) when found on PATH, the OS file manager, the custom command. */
  list: base.input(z.void()).output(z.array(Editor)),
  /**
   * Opens the workspace's worktree with the editor. Fails with NOT_FOUND for an unknown workspace or editor,
   * UNAVAILABLE when the program is not installed or cannot start.
   */
  open: base
    .input(z.object({ workspaceId: Id, editorId: EditorId }))
    .output(z.object({ opened: z.literal(true) })),
};
