import { randomUUID } from 'node:crypto';
import type { RatchetActivityKind, RatchetLink, RatchetSettings } from '../../shared/contract/ratchet';
import type { Workspace } from '../../shared/contract/workspaces';
import { deriveRatchetState } from '../../shared/lib/ratchet-state';
import type { GitHubTransport } from '../github/github-transport';
import type { RatchetGit } from './ratchet-git';
import { mergePull, RATCHET_MARKER, readJobLog, replyOnThreads } from './ratchet-github';
import {
  LOG_EXCERPT_CHARS,
  type RatchetTemplate,
  renderCiPrompt,
  renderConflictPrompt,
  renderReviewPrompt,
} from './ratchet-prompts';
import type { RatchetComment, RatchetPull } from './ratchet-read';
import type { Attempt, Progress } from './ratchet-repository';
import type { RatchetSessions } from './ratchet-sessions';

/** What an attempt needs of the service that runs it. */
export interface AttemptContext {
  git: RatchetGit;
  sessions: RatchetSessions;
  template(name: RatchetTemplate): Promise<string>;
  progress(workspaceId: string): Progress;
  /** Stores the progress (before the step it describes is taken) and publishes the view. */
  save(workspaceId: string, progress: Progress): void;
  log(workspaceId: string, kind: RatchetActivityKind, message: string, links?: RatchetLink[]): void;
  /** Marks the workspace's PR merged (the card moves to DONE without waiting for the next PR refresh). */
  merged(workspace: Workspace): void;
  /** The core is shutting down: an attempt stops where it is (stored) and resumes after the restart. */
  stopping(): boolean;
}

export interface Situation {
  workspace: Workspace;
  pull: RatchetPull;
  settings: RatchetSettings;
  maxAttempts: number;
  transport: GitHubTransport;
  repo: { owner: string; repo: string };
  viewer: string;
}

/** The review comments Ratchet works on: unresolved threads, allowed reviewers, not its own, not answered. */
export function newReviewComments(
  pull: RatchetPull,
  settings: RatchetSettings,
  viewer: string,
  answered: readonly string[],
): Array<{ threadId: string; comments: Array<RatchetComment & { path: string | null }> }> {
  const allowed = new Set(settings.allowedReviewers.map((l) => l.toLowerCase()));
  return pull.threads
    .filter((t) => !t.resolved)
    .map((t) => ({
      threadId: t.id,
      comments: t.comments
        .filter(
          (c) =>
            allowed.has(c.author.toLowerCase()) &&
            c.author.toLowerCase() !== viewer.toLowerCase() &&
            !c.body.includes(RATCHET_MARKER) &&
            !answered.includes(c.id),
        )
        .map((c) => ({ ...c, path: t.path })),
    }))
    .filter((t) => t.comments.length > 0);
}

/**
 * What Ratchet would work on now, as a snapshot key (head + failing checks + comments) and the attempt kind,
 * or null when there is nothing to do (or the settings say not to).
 */
export function plan(s: Situation, progress: Progress): { kind: Attempt['kind']; snapshot: string } | null {
  const { pull, settings } = s;
  const placement = deriveRatchetState({
    enabled: true,
    prState: pull.state,
    ci: pull.ci,
    mergeable: pull.mergeable,
    reviewDecision: pull.reviewDecision,
    unresolvedThreads: pull.threads.filter((t) => !t.resolved).length,
  });
  switch (placement.state) {
    case 'MERGE_CONFLICT':
      return settings.ciFixes ? { kind: 'CONFLICT', snapshot: `conflict:${pull.headSha}` } : null;
    case 'CI_FAILED': {
      if (!settings.ciFixes) return null;
      const failing = pull.checks.filter((c) => c.state === 'FAILING').map((c) => c.id);
      return { kind: 'CI', snapshot: `ci:${pull.headSha}:${failing.sort().join(',')}` };
    }
    case 'REVIEW_PENDING': {
      if (!settings.reviewFixes) return null;
      const threads = newReviewComments(pull, settings, s.viewer, progress.answered);
      if (threads.length === 0) return null;
      const ids = threads.flatMap((t) => t.comments.map((c) => c.id)).sort();
      return { kind: 'REVIEW', snapshot: `review:${pull.headSha}:${ids.join(',')}` };
    }
    case 'READY':
      return settings.autoMerge ? { kind: 'MERGE', snapshot: `merge:${pull.headSha}` } : null;
    default:
      return null;
  }
}

export function newAttempt(kind: Attempt['kind'], snapshot: string, pull: RatchetPull): Attempt {
  return {
    id: randomUUID(),
    kind,
    phase: kind === 'MERGE' ? 'MERGING' : kind === 'REVIEW' ? 'FIXING' : 'SYNCING',
    snapshot,
    remoteSha: pull.headSha,
    headBefore: null,
    rebased: false,
    threads: [],
    pushedSha: null,
    startedAt: Date.now(),
  };
}

const checkLinks = (pull: RatchetPull): RatchetLink[] =>
  pull.checks
    .filter((c) => c.state === 'FAILING' && c.url)
    .map((c) => ({ label: c.name, url: c.url as string }));

/**
 * Runs an attempt from its stored phase to its end: sync, prompt the Ratchet session and wait for its turn,
 * push, reply; or merge. Each phase is stored before it is taken, so `run` also resumes an attempt a restart
 * interrupted (a FIXING attempt whose turn is gone goes straight to the push check).
 */
export async function runAttempt(ctx: AttemptContext, s: Situation, resumed: boolean): Promise<void> {
  const id = s.workspace.id;
  const attempt = () => ctx.progress(id).attempt as Attempt;
  const startedAs = ctx.progress(id).attempt?.id;
  /** Ratchet was turned off (the attempt abandoned) while this step waited: do nothing more. */
  const gone = () => ctx.stopping() || ctx.progress(id).attempt?.id !== startedAs;
  const step = (patch: Partial<Attempt>) => {
    const p = ctx.progress(id);
    ctx.save(id, { ...p, attempt: { ...(p.attempt as Attempt), ...patch } });
  };

  if (attempt().phase === 'MERGING') return merge(ctx, s, resumed);
  if (attempt().phase === 'SYNCING') {
    if (resumed)
      return fail(ctx, s, 'The core restarted while syncing; the attempt was abandoned', 'ABANDONED');
    const synced = await ctx.git.sync(id, s.settings.syncMethod);
    if (gone()) return;
    if (!synced.ok) return fail(ctx, s, `Could not sync with ${s.pull.baseRef}: ${synced.error}`);
    const method = s.settings.syncMethod;
    ctx.log(
      id,
      'SYNCED',
      `${method === 'rebase' ? 'Rebased onto' : 'Merged'} ${s.pull.baseRef}: ${synced.value.outcome.toLowerCase().replace('_', ' ')}`,
    );
    const head = await ctx.git.head(s.workspace.worktreePath);
    step({
      phase: 'FIXING',
      headBefore: head,
      rebased: method === 'rebase' && synced.value.outcome === 'UPDATED',
    });
    const prompt =
      synced.value.outcome === 'CONFLICT'
        ? renderConflictPrompt(await ctx.template('conflict'), {
            pull: s.pull,
            files: synced.value.conflictedFiles,
            method,
          })
        : attempt().kind === 'CONFLICT'
          ? null
          : await ciPrompt(ctx, s, synced.value.outcome);
    if (gone()) return;
    if (prompt === null) return push(ctx, s);
    const sent = await ctx.sessions.send(id, prompt, s.settings);
    if (gone()) return;
    if (!sent.ok) return fail(ctx, s, sent.error);
    ctx.log(
      id,
      'PROMPTED',
      synced.value.outcome === 'CONFLICT'
        ? 'Asked the agent to resolve the conflict'
        : 'Asked the agent to fix the failing checks',
      checkLinks(s.pull),
    );
    await sent.value.turn;
    if (gone()) return;
    return push(ctx, s);
  }
  if (attempt().phase === 'FIXING') {
    if (!resumed) {
      // A review fix: no sync (the reviewer commented on this head), the comments go to the agent.
      const threads = newReviewComments(s.pull, s.settings, s.viewer, ctx.progress(id).answered);
      const head = await ctx.git.head(s.workspace.worktreePath);
      step({
        headBefore: head,
        threads: threads.map((t) => ({ threadId: t.threadId, commentIds: t.comments.map((c) => c.id) })),
      });
      const prompt = renderReviewPrompt(await ctx.template('review'), {
        pull: s.pull,
        comments: threads.flatMap((t) => t.comments),
      });
      if (gone()) return;
      const sent = await ctx.sessions.send(id, prompt, s.settings);
      if (gone()) return;
      if (!sent.ok) return fail(ctx, s, sent.error);
      const links = threads.flatMap((t) =>
        t.comments.map((c) => ({ label: `comment by ${c.author}`, url: c.url })),
      );
      ctx.log(id, 'PROMPTED', `Asked the agent to address ${links.length} review comment(s)`, links);
      await sent.value.turn;
      if (gone()) return;
    }
    return push(ctx, s);
  }
  if (attempt().phase === 'PUSHING') return push(ctx, s);
  if (attempt().phase === 'REPLYING') return reply(ctx, s);
}

async function ciPrompt(ctx: AttemptContext, s: Situation, outcome: string): Promise<string> {
  const failing = await Promise.all(
    s.pull.checks
      .filter((c) => c.state === 'FAILING')
      .map(async (c) => {
        const log =
          c.jobId !== null ? await readJobLog(s.transport, s.repo, c.jobId, LOG_EXCERPT_CHARS) : null;
        const excerpt = (log ?? c.output).slice(-LOG_EXCERPT_CHARS);
        return { ...c, excerpt };
      }),
  );
  const sync =
    outcome === 'UPDATED'
      ? `Ratchet first brought this branch up to date with \`${s.pull.baseRef}\` (${s.settings.syncMethod}); CI ran before that.`
      : `The branch was already up to date with \`${s.pull.baseRef}\`.`;
  return renderCiPrompt(await ctx.template('ci-failure'), { pull: s.pull, failing, sync });
}

/** After the agent's turn: push when there is something new, else the attempt failed. */
async function push(ctx: AttemptContext, s: Situation): Promise<void> {
  const id = s.workspace.id;
  const a = ctx.progress(id).attempt as Attempt;
  const cwd = s.workspace.worktreePath;
  const stuck = await ctx.git.inProgress(cwd);
  if (stuck) {
    const files = stuck.conflictedFiles.join(', ') || 'some files';
    return stall(
      ctx,
      s,
      `Needs you: the ${stuck.operation} onto ${s.pull.baseRef} stopped on conflicts in ${files}`,
    );
  }
  const head = await ctx.git.head(cwd);
  if (!head || head === a.remoteSha) return fail(ctx, s, 'The agent made no commit');
  if (a.phase !== 'PUSHING') ctx.save(id, { ...ctx.progress(id), attempt: { ...a, phase: 'PUSHING' } });
  // A push that landed before a restart is not made again.
  const remote = await ctx.git.remoteHead(cwd, s.workspace.branch);
  if (ctx.stopping() || ctx.progress(id).attempt?.id !== a.id) return;
  if (remote !== head) {
    const lease = a.rebased ? { forceWithLease: { expectedSha: a.remoteSha } } : {};
    const pushed = await ctx.git.push(s.workspace, lease);
    if (!pushed.ok) return fail(ctx, s, `Push failed: ${pushed.error}`);
  }
  const commitUrl = `${s.pull.url.replace(/\/pull\/\d+$/, '')}/commit/${head}`;
  ctx.log(id, 'PUSHED', `Pushed ${head.slice(0, 12)}${a.rebased ? ' (with lease, after a rebase)' : ''}`, [
    { label: head.slice(0, 12), url: commitUrl },
  ]);
  const p = ctx.progress(id);
  const worked = [...p.worked, a.snapshot];
  if (a.kind === 'REVIEW' && a.threads.length) {
    ctx.save(id, { ...p, worked, attempt: { ...a, phase: 'REPLYING', pushedSha: head } });
    return reply(ctx, s);
  }
  ctx.save(id, {
    ...p,
    worked,
    attempt: null,
    lastFailure: null,
    lastAction: { at: Date.now(), message: `Pushed ${head.slice(0, 12)}` },
  });
}

async function reply(ctx: AttemptContext, s: Situation): Promise<void> {
  const id = s.workspace.id;
  const a = ctx.progress(id).attempt as Attempt;
  const marker = `attempt=${a.id}`;
  // After a restart, threads that already carry this attempt's reply are not replied on again.
  const pending = a.threads.filter(
    (t) => !s.pull.threads.find((x) => x.id === t.threadId)?.comments.some((c) => c.body.includes(marker)),
  );
  const sha = (a.pushedSha ?? '').slice(0, 12);
  const replied = await replyOnThreads(
    s.transport,
    pending.map((t) => ({
      threadId: t.threadId,
      body: `Addressed in ${sha} by Factory Factory's Ratchet.\n\n<!-- ${marker} -->`,
      resolve: s.settings.resolveThreads,
    })),
  );
  if (!replied.ok) {
    ctx.log(id, 'FAILED', `Could not reply on the review threads: ${replied.error.message}`);
    return; // The attempt stays REPLYING; the next check tries the missing replies again.
  }
  const p = ctx.progress(id);
  const answered = [...p.answered, ...a.threads.flatMap((t) => t.commentIds)];
  ctx.log(
    id,
    'REPLIED',
    `Replied on ${pending.length} thread(s)${s.settings.resolveThreads ? ' and resolved them' : ''}`,
  );
  ctx.save(id, {
    ...p,
    answered,
    attempt: null,
    lastFailure: null,
    lastAction: { at: Date.now(), message: `Replied on ${pending.length} thread(s)` },
  });
}

async function merge(ctx: AttemptContext, s: Situation, resumed: boolean): Promise<void> {
  const id = s.workspace.id;
  if (resumed && s.pull.state === 'MERGED') {
    ctx.save(id, { ...ctx.progress(id), attempt: null });
    return ctx.merged(s.workspace);
  }
  const merged = await mergePull(
    s.transport,
    s.repo,
    { number: s.pull.number, sha: s.pull.headSha },
    s.settings.mergeMethod,
  );
  if (!merged.ok) return fail(ctx, s, `GitHub did not merge: ${merged.error.message}`);
  ctx.log(id, 'MERGED', `Merged #${s.pull.number} (${s.settings.mergeMethod})`, [
    { label: `#${s.pull.number}`, url: s.pull.url },
  ]);
  ctx.save(id, {
    ...ctx.progress(id),
    attempt: null,
    lastAction: { at: Date.now(), message: `Merged #${s.pull.number}` },
  });
  ctx.merged(s.workspace);
}

async function fail(
  ctx: AttemptContext,
  s: Situation,
  reason: string,
  kind: RatchetActivityKind = 'FAILED',
): Promise<void> {
  const id = s.workspace.id;
  const p = ctx.progress(id);
  ctx.log(id, kind, `Attempt ${p.attempts} of ${s.maxAttempts}: ${reason}`);
  if (p.attempts >= s.maxAttempts) return stall(ctx, s, `Stopped after ${p.attempts} attempts: ${reason}`);
  ctx.save(id, { ...p, attempt: null, lastFailure: reason, lastAction: { at: Date.now(), message: reason } });
}

async function stall(ctx: AttemptContext, s: Situation, reason: string): Promise<void> {
  const id = s.workspace.id;
  ctx.log(id, 'STALLED', reason);
  ctx.save(id, {
    ...ctx.progress(id),
    attempt: null,
    stalled: reason,
    lastAction: { at: Date.now(), message: reason },
  });
}
