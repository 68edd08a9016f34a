import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';
import { sessionErrors } from './sessions';

/**
 * RUNNING until the check passes (PASSED), the last iteration's check still fails (EXHAUSTED), the user stops
 * it (STOPPED), or something else ends it (FAILED: the session's budget ran out, the agent failed, the check
 * could not run); `reason` says which in words.
 */
export const IterateStatus = z.enum(['RUNNING', 'PASSED', 'EXHAUSTED', 'STOPPED', 'FAILED']);
export type IterateStatus = z.infer<typeof IterateStatus>;

/** What a running loop waits for: the agent's turn, or the check. */
export const IteratePhase = z.enum(['agent', 'check']);
export type IteratePhase = z.infer<typeof IteratePhase>;

export const IterateCheck = z.object({
  /** The `check` script run (its output: `workspaces.scriptOutput`, live on `events.scriptOutput`). */
  runId: Id,
  iteration: z.number().int(),
  passed: z.boolean().nullable(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  at: Timestamp,
});
export type IterateCheck = z.infer<typeof IterateCheck>;

/** An iterate-until-green loop: an agent works on `goal` until `command` passes in the worktree. */
export const IterateLoop = z.object({
  id: Id,
  workspaceId: Id,
  sessionId: Id,
  goal: z.string(),
  command: z.string(),
  maxIterations: z.number().int(),
  timeoutMs: z.number().int(),
  /** 1-based: the iteration in progress, or the last one. */
  iteration: z.number().int(),
  phase: IteratePhase,
  status: IterateStatus,
  reason: z.string().nullable(),
  /** The latest check (running when `passed` is null). */
  lastCheck: IterateCheck.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type IterateLoop = z.infer<typeof IterateLoop>;

export const ITERATE_DEFAULT_MAX = 5;
export const ITERATE_DEFAULT_TIMEOUT_MS = 10 * 60_000;

export const iterate = {
  /** Loops of one workspace (newest first), or every RUNNING loop. */
  list: base.input(z.object({ workspaceId: Id.optional() })).output(z.array(IterateLoop)),
  /**
   * Starts a loop: sends the goal (from `prompts/system/iterate-start.md`) to `sessionId`, or to a new session
   * of `provider` when none is given; after each turn runs `command` in the worktree (killed with everything it
   * started after `timeoutMs`), and on failure sends its output back (`prompts/system/iterate.md`, fenced as
   * data) until it passes or `maxIterations` turns ran. CONFLICT when a loop already runs in the workspace or it
   * is not READY; SESSION_NOT_ACTIVE for a stopped session; INVALID for a broken prompt file.
   */
  start: base
    .errors(sessionErrors)
    .input(
      z.object({
        workspaceId: Id,
        sessionId: Id.optional(),
        provider: z.string().min(1).max(100).optional(),
        goal: z.string().trim().min(1, 'Say what the agent should do').max(20_000),
        command: z.string().trim().min(1, 'Give the check command').max(2000),
        maxIterations: z.number().int().min(1).max(100).optional(),
        timeoutMs: z.number().int().min(1000).max(86_400_000).optional(),
      }),
    )
    .output(IterateLoop),
  /** Stops a running loop: a running check is killed, a running turn cancelled. NOT_FOUND for an unknown loop. */
  stop: base.input(z.object({ loopId: Id })).output(IterateLoop),
};
