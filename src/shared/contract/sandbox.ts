import { z } from 'zod';
import { AbsoluteUserPath } from './common';

/** How an agent is confined: bubblewrap (Linux), a Seatbelt profile (macOS), or not at all. */
export const SandboxMechanism = z.enum(['bwrap', 'seatbelt', 'none']);
export type SandboxMechanism = z.infer<typeof SandboxMechanism>;

/**
 * `on`: the agent runs confined; `off`: the project's settings turned the sandbox off; `unavailable`: this
 * machine cannot confine it (Windows, or bubblewrap missing), so it runs unconfined.
 */
export const SandboxState = z.enum(['on', 'off', 'unavailable']);
export type SandboxState = z.infer<typeof SandboxState>;

/** Why a path is writable, read-only or hidden (the info panel words it). */
export const SandboxPathRole = z.enum([
  'worktree',
  'git',
  'agent-state',
  'temp',
  'user',
  'git-protected',
  'program',
  'secrets',
  'app-data',
  'other-worktree',
  'main-worktree',
]);
export type SandboxPathRole = z.infer<typeof SandboxPathRole>;

export const SandboxPath = z.object({ path: z.string(), role: SandboxPathRole });
export type SandboxPath = z.infer<typeof SandboxPath>;

/** What a session's agent may touch, as shown on the session (the policy its sandbox enforces). */
export const SandboxSummary = z.object({
  state: SandboxState,
  mechanism: SandboxMechanism,
  /** Why the agent is not confined (and how to fix it), when `state` is not `on`. */
  reason: z.string().nullable(),
  writable: z.array(SandboxPath),
  /** Inside writable folders but kept read-only (`.git/hooks`, `.git/config`). */
  readOnly: z.array(SandboxPath),
  hidden: z.array(SandboxPath),
  network: z.boolean(),
});
export type SandboxSummary = z.infer<typeof SandboxSummary>;

/** Per project: the sandbox on (default) or off, and folders its agents may also write (absolute or `~/…`). */
export const ProjectSandboxSettings = z.object({
  enabled: z.boolean().default(true),
  writablePaths: z.array(AbsoluteUserPath).max(50).default([]),
});
export type ProjectSandboxSettings = z.infer<typeof ProjectSandboxSettings>;

/**
 * Per provider: `network: false` cuts the agent off the network (for agents that need none); `writablePaths`
 * are the agent's own state folders beyond the built-in ones (e.g. a custom agent's cache).
 */
export const ProviderSandboxSettings = z.object({
  network: z.boolean().optional(),
  writablePaths: z.array(AbsoluteUserPath).max(50).optional(),
});
export type ProviderSandboxSettings = z.infer<typeof ProviderSandboxSettings>;
