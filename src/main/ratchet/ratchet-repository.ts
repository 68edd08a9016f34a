import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import {
  type RatchetActivity,
  type RatchetActivityKind,
  type RatchetLink,
  RatchetOverrides,
} from '../../shared/contract/ratchet';
import type { Db } from '../store/database';
import { ratchetActivity, ratchetWorkspaces } from '../store/schema';

/** What one attempt is doing, stored before each step so a restart knows where it stopped. */
export const Attempt = z.object({
  id: z.string(),
  kind: z.enum(['CI', 'CONFLICT', 'REVIEW', 'MERGE']),
  phase: z.enum(['SYNCING', 'FIXING', 'PUSHING', 'REPLYING', 'MERGING']),
  snapshot: z.string(),
  /** The PR's head on GitHub when the attempt began (what a push with lease expects). */
  remoteSha: z.string(),
  /** The worktree's HEAD once synced, before the agent's turn. */
  headBefore: z.string().nullable(),
  /** The sync rewrote history (a rebase the settings allow): the push goes with lease. */
  rebased: z.boolean(),
  /** Review threads to reply on after the push, with the comments answered. */
  threads: z.array(z.object({ threadId: z.string(), commentIds: z.array(z.string()) })),
  pushedSha: z.string().nullable(),
  startedAt: z.number(),
});
export type Attempt = z.infer<typeof Attempt>;

export const Progress = z.object({
  sessionId: z.string().nullable().default(null),
  /** The snapshot (head + failing checks + comments) of the current or last attempt, and attempts at it. */
  snapshot: z.string().nullable().default(null),
  attempts: z.number().int().default(0),
  lastFailure: z.string().nullable().default(null),
  stalled: z.string().nullable().default(null),
  /** Snapshots whose attempt ended with a push: never worked on again. */
  worked: z.array(z.string()).default([]),
  /** Review comments answered (replied on after a push). */
  answered: z.array(z.string()).default([]),
  /** The head Ratchet last said was ready to merge (said once per head). */
  readyNotified: z.string().nullable().default(null),
  lastAction: z.object({ at: z.number(), message: z.string() }).nullable().default(null),
  attempt: Attempt.nullable().default(null),
});
export type Progress = z.infer<typeof Progress>;

const KEEP = 200;

/** The only writer of `ratchet_workspaces` and `ratchet_activity`. */
export class RatchetRepository {
  constructor(private readonly db: Db) {}

  load(workspaceId: string): { overrides: RatchetOverrides; progress: Progress } {
    const row = this.db
      .select()
      .from(ratchetWorkspaces)
      .where(eq(ratchetWorkspaces.workspaceId, workspaceId))
      .get();
    const overrides = RatchetOverrides.safeParse(row?.overrides ?? {});
    const progress = Progress.safeParse(row?.progress ?? {});
    return {
      overrides: overrides.success ? overrides.data : {},
      progress: progress.success ? progress.data : Progress.parse({}),
    };
  }

  save(workspaceId: string, overrides: RatchetOverrides, progress: Progress): void {
    const trimmed = {
      ...progress,
      worked: progress.worked.slice(-KEEP),
      answered: progress.answered.slice(-KEEP * 5),
    };
    const values = { overrides, progress: trimmed, updatedAt: new Date() };
    this.db
      .insert(ratchetWorkspaces)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: ratchetWorkspaces.workspaceId, set: values })
      .run();
  }

  log(
    workspaceId: string,
    kind: RatchetActivityKind,
    message: string,
    links: RatchetLink[] = [],
  ): RatchetActivity {
    const at = new Date();
    const row = this.db
      .insert(ratchetActivity)
      .values({ workspaceId, at, kind, message, links })
      .returning({ id: ratchetActivity.id })
      .get();
    return { id: row.id, workspaceId, at: at.getTime(), kind, message, links };
  }

  activity(workspaceId: string, before: number | undefined, limit: number): RatchetActivity[] {
    const where = before
      ? and(eq(ratchetActivity.workspaceId, workspaceId), lt(ratchetActivity.id, before))
      : eq(ratchetActivity.workspaceId, workspaceId);
    return this.db
      .select()
      .from(ratchetActivity)
      .where(where)
      .orderBy(desc(ratchetActivity.id))
      .limit(limit)
      .all()
      .map((r) => ({ ...r, at: r.at.getTime() }));
  }
}
