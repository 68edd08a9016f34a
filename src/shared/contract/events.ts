import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { base } from './base';
import { Id } from './common';
import { GitHubStatus, ProjectIssues, PullsRefresh } from './github';
import { IterateLoop } from './iterate';
import { Project } from './projects';
import { RatchetActivity, RatchetView } from './ratchet';
import { PullReview, ReviewInbox } from './reviews';
import { Schedule } from './schedules';
import { Session, SessionLogEntry } from './sessions';
import { AppSettings } from './settings';
import { Terminal } from './terminals';
import { ScriptRun, Workspace, WorkspaceProgress } from './workspaces';

/**
 * The board-level events: small, whole entities (not patches) so a store can apply them idempotently; every
 * client receives them. The renderer's stores switch on `type`.
 */
export const BoardEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project.changed'), project: Project }),
  z.object({ type: z.literal('project.removed'), projectId: Id }),
  z.object({ type: z.literal('settings.changed'), settings: AppSettings }),
  z.object({ type: z.literal('workspace.changed'), workspace: Workspace }),
  z.object({ type: z.literal('workspace.progress'), progress: WorkspaceProgress }),
  z.object({ type: z.literal('script_run.changed'), run: ScriptRun }),
  z.object({ type: z.literal('session.changed'), session: Session }),
  z.object({ type: z.literal('session.removed'), sessionId: Id, workspaceId: Id }),
  z.object({ type: z.literal('terminal.changed'), terminal: Terminal }),
  z.object({ type: z.literal('terminal.removed'), terminalId: Id, workspaceId: Id }),
  z.object({ type: z.literal('github.changed'), status: GitHubStatus }),
  z.object({ type: z.literal('github.issues'), issues: ProjectIssues }),
  z.object({ type: z.literal('github.pulls'), pulls: PullsRefresh }),
  z.object({ type: z.literal('iterate.changed'), loop: IterateLoop }),
  z.object({ type: z.literal('schedule.changed'), schedule: Schedule }),
  z.object({ type: z.literal('schedule.removed'), scheduleId: Id, projectId: Id }),
  /** A prompt file was added, changed or removed: lists of prompts and quick actions are stale. */
  z.object({ type: z.literal('prompts.changed') }),
  z.object({ type: z.literal('github.reviewRequests'), inbox: ReviewInbox }),
  z.object({ type: z.literal('review.changed'), review: PullReview }),
  z.object({ type: z.literal('ratchet.changed'), view: RatchetView }),
  z.object({ type: z.literal('ratchet.activity'), entry: RatchetActivity }),
]);
export type BoardEvent = z.infer<typeof BoardEvent>;

/** One chunk of a script run's output; `seq` counts the run's chunks from 1. */
export const ScriptOutputChunk = z.object({
  runId: Id,
  workspaceId: Id,
  seq: z.number().int(),
  chunk: z.string(),
});
export type ScriptOutputChunk = z.infer<typeof ScriptOutputChunk>;

/**
 * Everything the core's services publish on its in-process bus: the board events plus the high-volume
 * per-session log entries and per-run output chunks, which reach clients only through their own topics.
 */
export const DomainEvent = z.discriminatedUnion('type', [
  ...BoardEvent.options,
  z.object({ type: z.literal('script_run.output'), ...ScriptOutputChunk.shape }),
  z.object({ type: z.literal('session.log'), entry: SessionLogEntry }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];

/**
 * Sent instead of the items a subscriber did not read in time (its bounded queue overflowed, or its socket
 * is not draining): the client reloads its snapshot and continues after the snapshot's sequence.
 */
const Resync = z.object({ type: z.literal('resync') });
const Hello = z.object({ type: z.literal('hello'), at: z.number() });

export const BoardItem = z.discriminatedUnion('type', [
  Hello.extend({ seq: z.number().int() }),
  Resync.extend({ seq: z.number().int() }),
  z.object({ type: z.literal('event'), seq: z.number().int(), event: BoardEvent }),
]);
export type BoardItem = z.infer<typeof BoardItem>;

export const SessionLogItem = z.discriminatedUnion('type', [
  Hello,
  Resync,
  z.object({ type: z.literal('entry'), entry: SessionLogEntry }),
]);
export type SessionLogItem = z.infer<typeof SessionLogItem>;

export const ScriptOutputItem = z.discriminatedUnion('type', [
  Hello,
  Resync,
  z.object({ type: z.literal('chunk'), ...ScriptOutputChunk.shape }),
]);
export type ScriptOutputItem = z.infer<typeof ScriptOutputItem>;

/**
 * Live topics. Each stream opens with `hello` (subscribed: a snapshot loaded after it misses nothing), carries
 * a monotonic sequence with no gaps, and says `resync` instead of dropping items silently. Aborting the call
 * ends the subscription.
 */
export const events = {
  /**
   * Board events, each with the core-wide board sequence (+1 per event). `hello.seq` and `resync.seq` are
   * the sequence at that moment: items after them have a higher one.
   */
  board: base.input(z.void()).output(eventIterator(BoardItem)),
  /** One session's log entries as they are stored; `entry.seq` is the sequence (`sessions.log` pages them). */
  sessionLog: base.input(z.object({ sessionId: Id })).output(eventIterator(SessionLogItem)),
  /** One script run's output chunks; `seq` continues `workspaces.scriptOutput`'s. */
  scriptOutput: base.input(z.object({ runId: Id })).output(eventIterator(ScriptOutputItem)),
};
