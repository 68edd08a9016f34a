import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SyncStrategy, WorkspaceChanges } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import { aheadBehind, mergeBase, untrackedFiles, workingTreeChanges } from '../git/changes';
import { parsePathList, parseStatusPaths } from '../git/parse-diff';
import { pushBranch } from '../git/push';
import { fetchBranch, hasRemote, resolveRef } from '../git/refs';
import { runGit } from '../git/run-git';
import type { Logger } from '../logging/logger';
import { gitReason } from './provisioner';
import { gitRefused, type WorkspaceError } from './workspace-errors';
import type { WorkspaceRow } from './workspaces-repository';
import { resolveInside } from './worktree-paths';

type Row = Pick<WorkspaceRow, 'id' | 'worktreePath' | 'branch' | 'baseBranch'>;
const DIFF_LIMIT = 2 * 1024 * 1024;

function missing(row: Row): Result<never, WorkspaceError> | null {
  return existsSync(row.worktreePath)
    ? null
    : err(gitRefused('WORKTREE_MISSING', `The worktree ${row.worktreePath} is missing`));
}

/** The base as it is best known locally: origin/<base> when it exists, else the local branch. */
async function baseRef(cwd: string, base: string): Promise<string> {
  return (await resolveRef(cwd, `refs/remotes/origin/${base}`)) &&
    !(await resolveRef(cwd, `refs/heads/${base}`))
    ? `refs/remotes/origin/${base}`
    : `refs/heads/${base}`;
}

export async function syncInProgress(cwd: string): Promise<WorkspaceChanges['sync']> {
  const gitPath = async (name: string) => {
    const r = await runGit(['rev-parse', '--git-path', name], { cwd });
    return r.ok ? path.resolve(cwd, r.stdout.trim()) : null;
  };
  let operation: SyncStrategy | null = null;
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const p = await gitPath(dir);
    if (p && existsSync(p)) operation = 'rebase';
  }
  if (!operation && (await resolveRef(cwd, 'MERGE_HEAD'))) operation = 'merge';
  if (!operation) return null;
  const conflicted = await runGit(['diff', '--name-only', '-z', '--diff-filter=U'], { cwd });
  return { operation, conflictedFiles: conflicted.ok ? parsePathList(conflicted.stdout) : [] };
}

export async function changes(
  row: Row,
): Promise<Result<Omit<WorkspaceChanges, 'hasRunScript'>, WorkspaceError>> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  const base = await baseRef(cwd, row.baseBranch);
  const [head, fork, counts, upstreamName, vsHead, sync, remote] = await Promise.all([
    resolveRef(cwd, 'HEAD'),
    mergeBase(cwd, base),
    aheadBehind(cwd, base),
    runGit(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], { cwd }),
    workingTreeChanges(cwd, 'HEAD'),
    syncInProgress(cwd),
    hasRemote(cwd),
  ]);
  const vsBase = fork ? await workingTreeChanges(cwd, fork) : vsHead;
  if (!head || !vsHead || !vsBase)
    return err(gitRefused('GIT_ERROR', 'Cannot read the state of the worktree'));
  let upstream: WorkspaceChanges['upstream'] = null;
  if (upstreamName.ok && upstreamName.stdout.trim()) {
    const name = upstreamName.stdout.trim();
    const c = await aheadBehind(cwd, '@{upstream}');
    if (c) upstream = { name, ...c };
  }
  return ok({
    vsBase,
    vsHead,
    head,
    mergeBase: fork,
    aheadBehind: counts ?? { ahead: 0, behind: 0 },
    upstream,
    sync,
    hasRemote: remote,
  });
}

export async function fileDiff(
  row: Row,
  relative: string,
  against: 'base' | 'head',
): Promise<Result<{ path: string; diff: string; binary: boolean; truncated: boolean }, WorkspaceError>> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  const absolute = resolveInside(cwd, relative);
  if (!absolute) return err(gitRefused('PATH_OUTSIDE_WORKTREE', `${relative} is outside the worktree`));
  const rel = path.relative(cwd, absolute).split(path.sep).join('/');
  const target = against === 'head' ? 'HEAD' : await mergeBase(cwd, await baseRef(cwd, row.baseBranch));
  if (!target) return err(gitRefused('GIT_ERROR', 'The branch has no merge base with its base branch'));
  let diff = (await runGit(['diff', '-M', target, '--', rel], { cwd })).stdout;
  if (!diff && (await untrackedFiles(cwd)).includes(rel)) {
    // An untracked file: diff it against nothing (exit code 1 just means "differs").
    diff = (await runGit(['diff', '--no-index', '--', '/dev/null', rel], { cwd })).stdout;
  }
  const binary = /^Binary files .* differ$/m.test(diff);
  const truncated = diff.length > DIFF_LIMIT;
  return ok({ path: rel, diff: truncated ? diff.slice(0, DIFF_LIMIT) : diff, binary, truncated });
}

export async function commit(row: Row, message: string): Promise<Result<{ sha: string }, WorkspaceError>> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  const staged = await runGit(['add', '--all', '--', '.'], { cwd });
  if (!staged.ok) return err(gitRefused('GIT_ERROR', gitReason('git add', staged.stderr)));
  const pending = await runGit(['diff', '--cached', '--quiet'], { cwd });
  if (pending.ok && !(await resolveRef(cwd, 'MERGE_HEAD'))) {
    return err(gitRefused('NOTHING_TO_COMMIT', 'There are no changes to commit'));
  }
  // `-m` plus an argument array: the message can never be read as an option.
  const done = await runGit(['commit', '--no-verify', '-q', '-m', message], { cwd });
  if (!done.ok) return err(gitRefused('GIT_ERROR', gitReason('git commit', done.stderr || done.stdout)));
  return ok({ sha: (await resolveRef(cwd, 'HEAD')) ?? '' });
}

export async function push(
  row: Row,
  force: boolean,
  logger: Logger,
): Promise<Result<{ remote: string; branch: string }, WorkspaceError>> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  // A force replaces only what this repository last saw on origin (its remote-tracking ref), never more.
  const seen = force ? await resolveRef(cwd, `refs/remotes/origin/${row.branch}`) : null;
  if (force)
    logger.warn(`Force-pushing ${row.branch} of workspace ${row.id} (--force-with-lease), as requested`);
  const pushed = await pushBranch({
    cwd,
    branch: row.branch,
    ...(seen ? { forceWithLease: { expectedSha: seen } } : {}),
  });
  if (pushed.ok) return ok({ remote: pushed.value.remote, branch: pushed.value.branch });
  const { kind, message } = pushed.error;
  const problem =
    kind === 'NO_REMOTE'
      ? 'NO_REMOTE'
      : kind === 'REJECTED' || kind === 'STALE_LEASE'
        ? 'PUSH_REJECTED'
        : 'GIT_ERROR';
  return err(gitRefused(problem, problem === 'PUSH_REJECTED' ? `${message} (or force)` : message));
}

export async function sync(
  row: Row,
  strategy: SyncStrategy,
): Promise<
  Result<
    { outcome: 'UP_TO_DATE' | 'UPDATED' | 'CONFLICT'; conflictedFiles: string[]; warning: string | null },
    WorkspaceError
  >
> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  if (await syncInProgress(cwd)) {
    return err(
      gitRefused('SYNC_IN_PROGRESS', 'A rebase or merge is already in progress; resolve or abort it first'),
    );
  }
  const dirty = await runGit(['status', '--porcelain', '--untracked-files=no'], { cwd });
  if (!dirty.ok || dirty.stdout.trim()) {
    return err(gitRefused('WORKTREE_DIRTY', 'Commit or discard the uncommitted changes before syncing'));
  }
  let warning: string | null = null;
  let onto = `refs/heads/${row.baseBranch}`;
  if (await hasRemote(cwd)) {
    const failure = await fetchBranch(cwd, row.baseBranch);
    if (failure === null) onto = `refs/remotes/origin/${row.baseBranch}`;
    else
      warning = `Could not fetch ${row.baseBranch} from origin (${failure}); used the local ${row.baseBranch}`;
  }
  if (!(await resolveRef(cwd, onto)))
    return err(gitRefused('GIT_ERROR', `The base branch ${row.baseBranch} does not exist`));
  const before = await resolveRef(cwd, 'HEAD');
  const counts = await aheadBehind(cwd, onto);
  if (counts && counts.behind === 0) return ok({ outcome: 'UP_TO_DATE', conflictedFiles: [], warning });

  const args =
    strategy === 'rebase'
      ? ['-c', 'core.editor=true', 'rebase', '--no-autostash', onto]
      : ['-c', 'core.editor=true', 'merge', '--no-edit', '--no-ff', onto];
  const r = await runGit(args, { cwd, env: { GIT_EDITOR: 'true' } });
  if (r.ok) {
    const after = await resolveRef(cwd, 'HEAD');
    return ok({ outcome: after === before ? 'UP_TO_DATE' : 'UPDATED', conflictedFiles: [], warning });
  }
  const inProgress = await syncInProgress(cwd);
  if (inProgress) return ok({ outcome: 'CONFLICT', conflictedFiles: inProgress.conflictedFiles, warning });
  return err(gitRefused('GIT_ERROR', gitReason(`git ${strategy}`, r.stderr || r.stdout)));
}

export async function abortSync(row: Row): Promise<Result<null, WorkspaceError>> {
  const gone = missing(row);
  if (gone) return gone;
  const cwd = row.worktreePath;
  const inProgress = await syncInProgress(cwd);
  if (!inProgress) return err(gitRefused('NO_SYNC_IN_PROGRESS', 'No rebase or merge is in progress'));
  const r = await runGit([inProgress.operation, '--abort'], { cwd });
  if (!r.ok) return err(gitRefused('GIT_ERROR', gitReason(`git ${inProgress.operation} --abort`, r.stderr)));
  return ok(null);
}

/** Uncommitted files and commits not on any remote (nor in the base): what archiving would lose. */
export async function unsavedWork(
  row: Row,
): Promise<{ uncommittedFiles: string[]; unpushedCommits: number } | null> {
  const cwd = row.worktreePath;
  const status = await runGit(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd });
  if (!status.ok) return null;
  const uncommittedFiles = parseStatusPaths(status.stdout);
  // Commits on no remote and not in the base. Should the base be gone, count against the remotes alone
  // (over-counting refuses an archive; under-counting could lose work).
  const hasBase = (await resolveRef(cwd, `refs/heads/${row.baseBranch}`)) !== null;
  const exclude = ['--remotes', ...(hasBase ? [`refs/heads/${row.baseBranch}`] : [])];
  const r = await runGit(['rev-list', '--count', 'HEAD', '--not', ...exclude], { cwd });
  if (!r.ok) return null;
  const unpushedCommits = Number(r.stdout.trim()) || 0;
  return { uncommittedFiles, unpushedCommits };
}
