import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';

/** STARTED: the prompt went to a session; SKIPPED: the previous run was still going; MISSED: not run by policy. */
export const ScheduleRunStatus = z.enum(['STARTED', 'FAILED', 'SKIPPED', 'MISSED']);
export type ScheduleRunStatus = z.infer<typeof ScheduleRunStatus>;

export const ScheduleResult = z.object({
  at: Timestamp,
  status: ScheduleRunStatus,
  message: z.string(),
  workspaceId: Id.nullable(),
  sessionId: Id.nullable(),
});
export type ScheduleResult = z.infer<typeof ScheduleResult>;

/**
 * A prompt sent on a cron schedule: to a workspace (its latest active session, or a new one), or for a
 * project to a new workspace each time. Exactly one of `prompt` (a template with the workspace variables) and
 * `quickAction` (a quick action's name) is set.
 */
export const Schedule = z.object({
  id: Id,
  projectId: Id,
  workspaceId: Id.nullable(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  prompt: z.string().nullable(),
  quickAction: z.string().nullable(),
  provider: z.string().nullable(),
  /** A run missed while the app was closed runs once at start. */
  runMissed: z.boolean(),
  enabled: z.boolean(),
  /** Null when disabled. */
  nextRunAt: Timestamp.nullable(),
  lastResult: ScheduleResult.nullable(),
  createdAt: Timestamp,
});
export type Schedule = z.infer<typeof Schedule>;

const ScheduleFields = z.object({
  name: z.string().trim().min(1).max(200),
  /** Five or six fields (seconds first when six), croner syntax. */
  cron: z.string().trim().min(1).max(200),
  /** An IANA time zone, e.g. `Europe/Paris`. */
  timezone: z.string().trim().min(1).max(100),
  prompt: z.string().trim().min(1).max(20_000).nullable(),
  quickAction: z.string().min(1).max(200).nullable(),
  provider: z.string().min(1).max(100).nullable(),
  runMissed: z.boolean(),
  enabled: z.boolean(),
});

export const schedules = {
  /** Schedules of a project (including its workspaces'), or all. */
  list: base.input(z.object({ projectId: Id.optional() })).output(z.array(Schedule)),
  /**
   * Stores a schedule. INVALID (field `cron`, `timezone` or `prompt`) for an expression that does not parse, an
   * unknown time zone, or neither/both of prompt and quick action; NOT_FOUND for an unknown project or workspace.
   */
  create: base.input(ScheduleFields.extend({ projectId: Id, workspaceId: Id.nullable() })).output(Schedule),
  /** Changes a schedule's fields (same checks as create). */
  update: base.input(ScheduleFields.partial().extend({ id: Id })).output(Schedule),
  remove: base.input(z.object({ id: Id })).output(z.object({ id: Id })),
  /** Runs a schedule now (outside its times); CONFLICT while its previous run is still going. */
  runNow: base.input(z.object({ id: Id })).output(Schedule),
};
