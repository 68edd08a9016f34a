import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';

/** NEW → PROVISIONING → READY | FAILED → ARCHIVING → ARCHIVED (FAILED can be retried; ARCHIVED unarchived). */
export const WorkspaceStatus = z.enum(['NEW', 'PROVISIONING', 'READY', 'FAILED', 'ARCHIVING', 'ARCHIVED']);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

export const PrState = z.enum(['OPEN', 'CLOSED', 'MERGED', 'DRAFT']);
export type PrState = z.infer<typeof PrState>;
export const CiState = z.enum(['PENDING', 'SUCCESS', 'FAILURE', 'NONE']);
export type CiState = z.infer<typeof CiState>;
export const ReviewState = z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED', 'NONE']);
export type ReviewState = z.infer<typeof ReviewState>;

/** A check run or commit status that failed, with the page that says why (null when GitHub gave none). */
export const FailingCheck = z.object({ name: z.string(), url: z.string().nullable() });
export type FailingCheck = z.infer<typeof FailingCheck>;

export const Mergeable = z.enum(['MERGEABLE', 'CONFLICTING', 'UNKNOWN']);
export type Mergeable = z.infer<typeof Mergeable>;

/**
 * The rest of a pull request's facts, as last read: the CI checks that failed, unresolved review threads,
 * whether GitHub can merge it, its head commit, and `note`: what the user should know that the state alone
 * does not say (closed on GitHub without merging, head branch deleted, head pushed from elsewhere).
 */
export const PrDetails = z.object({
  failingChecks: z.array(FailingCheck).max(100),
  unresolvedThreads: z.number().int().min(0),
  mergeable: Mergeable.nullable(),
  headSha: z.string().nullable(),
  note: z.string().max(500).nullable(),
});
export type PrDetails = z.infer<typeof PrDetails>;

export const AheadBehind = z.object({ ahead: z.number().int(), behind: z.number().int() });
export type AheadBehind = z.infer<typeof AheadBehind>;

export const Workspace = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  branch: z.string(),
  baseBranch: z.string(),
  /** The only path archiving ever removes. */
  worktreePath: z.string(),
  status: WorkspaceStatus,
  /** Why the workspace is FAILED (or a warning kept from provisioning); null when nothing to say. */
  statusReason: z.string().nullable(),
  /** Given to the `run` script as PORT and FF_PORT; unique across live workspaces; null once archived. */
  runPort: z.number().int().nullable(),
  issue: z.object({ number: z.number().int(), title: z.string(), url: z.string() }).nullable(),
  pr: z.object({ number: z.number().int(), url: z.string(), state: PrState.nullable() }).nullable(),
  ciState: CiState.nullable(),
  reviewState: ReviewState.nullable(),
  /** Checks, threads, mergeability and head of the PR (null while there is no PR or it was not read yet). */
  prDetails: PrDetails.nullable(),
  /** True while a sync (rebase or merge onto the base) stopped on conflicts. */
  hasMergeConflict: z.boolean(),
  ratchetEnabled: z.boolean(),
  /** Paths this workspace changed (vs its base) that another active workspace of the project also changed. */
  collisions: z.array(z.string()),
  /** The other active workspaces those paths collide with. */
  collidesWith: z.array(Id),
  /** Commits ahead of / behind the local base branch; null until first computed (or when not READY). */
  aheadBehind: AheadBehind.nullable(),
  lastActivityAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
});
export type Workspace = z.infer<typeof Workspace>;

/** `check`: an iterate-until-green loop's check command, run after each agent turn. */
export const ScriptKind = z.enum(['setup', 'run', 'cleanup', 'check']);
export type ScriptKind = z.infer<typeof ScriptKind>;
/** `STOPPED`: ended by the core (shutdown, archive); `INTERRUPTED`: the core died while it ran, its outcome is unknown. */
export const ScriptRunStatus = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'INTERRUPTED']);
export type ScriptRunStatus = z.infer<typeof ScriptRunStatus>;

/** One execution of a workspace script; the output is stored capped at 1 MiB (`truncated` says so). */
export const ScriptRun = z.object({
  id: Id,
  workspaceId: Id,
  kind: ScriptKind,
  command: z.string(),
  status: ScriptRunStatus,
  exitCode: z.number().int().nullable(),
  truncated: z.boolean(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type ScriptRun = z.infer<typeof ScriptRun>;

/** Steps reported while provisioning, syncing or archiving, for the progress view. */
export const ProgressStep = z.enum([
  'fetch',
  'worktree',
  'config',
  'port',
  'setup',
  'recover',
  'cleanup',
  'remove',
  'push',
  'pull_request',
  'done',
]);
export type ProgressStep = z.infer<typeof ProgressStep>;

export const ProgressLevel = z.enum(['info', 'warn', 'error']);
export type ProgressLevel = z.infer<typeof ProgressLevel>;

export const WorkspaceProgress = z.object({
  workspaceId: Id,
  step: ProgressStep,
  level: ProgressLevel,
  message: z.string(),
  at: Timestamp,
});
export type WorkspaceProgress = z.infer<typeof WorkspaceProgress>;

export const FileChangeStatus = z.enum([
  'ADDED',
  'MODIFIED',
  'DELETED',
  'RENAMED',
  'COPIED',
  'TYPE_CHANGED',
  'CONFLICTED',
  'UNTRACKED',
]);

export const FileChange = z.object({
  path: z.string(),
  /** The previous path of a rename or copy. */
  oldPath: z.string().nullable(),
  status: FileChangeStatus,
  /** Null for binary files. */
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
});
export type FileChange = z.infer<typeof FileChange>;

/** How `sync` brings the base into the branch. */
export const SyncStrategy = z.enum(['rebase', 'merge']);
export type SyncStrategy = z.infer<typeof SyncStrategy>;

export const SyncInProgress = z.object({
  operation: SyncStrategy,
  conflictedFiles: z.array(z.string()),
});

export const WorkspaceChanges = z.object({
  /** Committed and uncommitted changes (and untracked files) since the merge base with the base branch. */
  vsBase: z.array(FileChange),
  /** Uncommitted changes (and untracked files) against HEAD. */
  vsHead: z.array(FileChange),
  head: z.string(),
  mergeBase: z.string().nullable(),
  aheadBehind: AheadBehind,
  /** The branch's upstream and its ahead/behind counts; null before the first push. */
  upstream: z.object({ name: z.string(), ahead: z.number().int(), behind: z.number().int() }).nullable(),
  /** A rebase or merge stopped on conflicts, waiting to be resolved or aborted. */
  sync: SyncInProgress.nullable(),
  /** The repository has an "origin" remote to push to. */
  hasRemote: z.boolean(),
  /** The workspace has a `run` script (factory-factory.json or project settings) and is READY to run it. */
  hasRunScript: z.boolean(),
});
export type WorkspaceChanges = z.infer<typeof WorkspaceChanges>;

/** Why a workspace cannot be created. */
export const WorkspaceProblem = z.enum([
  'PROJECT_NOT_FOUND',
  'INVALID_NAME',
  'INVALID_BRANCH',
  'BRANCH_EXISTS',
  'BASE_NOT_FOUND',
  'WORKTREE_ROOT_UNUSABLE',
]);

/** Why a git operation on a workspace did not happen. */
export const GitProblem = z.enum([
  'NOTHING_TO_COMMIT',
  'NO_REMOTE',
  'PUSH_REJECTED',
  'WORKTREE_DIRTY',
  'SYNC_IN_PROGRESS',
  'NO_SYNC_IN_PROGRESS',
  'WORKTREE_MISSING',
  'PATH_OUTSIDE_WORKTREE',
  'GIT_ERROR',
]);

export const workspaceErrors = {
  WORKSPACE_REJECTED: {
    status: 422,
    message: 'This workspace cannot be created',
    data: z.object({ problem: WorkspaceProblem, detail: z.string() }),
  },
  WRONG_STATUS: {
    status: 409,
    message: 'The workspace is not in a state that allows this',
    data: z.object({ status: WorkspaceStatus, allowed: z.array(WorkspaceStatus) }),
  },
  GIT_REFUSED: {
    status: 409,
    message: 'Git could not do this',
    data: z.object({ problem: GitProblem, detail: z.string() }),
  },
  ARCHIVE_REFUSED: {
    status: 409,
    message: 'The workspace has work that would be lost; commit and push it, or archive with force',
    data: z.object({
      uncommittedFiles: z.array(z.string()),
      unpushedCommits: z.number().int(),
    }),
  },
} as const;

const ById = z.object({ id: Id });
/** Free text from the user; becomes the display name and (slugged) the branch name. */
const WorkspaceName = z.string().trim().min(1, 'Name is required').max(200);
/** A git ref name from the user; fully checked with `git check-ref-format` by the core. */
const BranchInput = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !s.startsWith('-'), 'A branch name cannot start with "-"');
const RelativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'Path contains a NUL byte');

export const workspaces = {
  /** Workspaces of one project (or all), newest first. Archived ones only when `includeArchived`. */
  list: base
    .input(z.object({ projectId: Id.optional(), includeArchived: z.boolean().optional() }))
    .output(z.array(Workspace)),
  get: base.input(ById).output(Workspace),
  /**
   * Creates a workspace and returns it at once (status PROVISIONING); provisioning continues in the
   * background, reported by `workspace.progress`, `script_run.*` and `workspace.changed` events. The branch
   * is `<prefix>/<slug of name>` made unique, unless `branch` is given (then it must not exist:
   * BRANCH_EXISTS). The base defaults to the project's default branch, fetched first when there is a remote.
   */
  create: base
    .errors(workspaceErrors)
    .input(
      z.object({
        projectId: Id,
        name: WorkspaceName,
        branch: BranchInput.optional(),
        baseBranch: BranchInput.optional(),
      }),
    )
    .output(Workspace),
  /** Renames the workspace (display name only; the branch stays). */
  rename: base.input(z.object({ id: Id, name: WorkspaceName })).output(Workspace),
  /** Provisions a FAILED workspace again (re-creates the worktree when it is missing, reruns setup). */
  retrySetup: base.errors(workspaceErrors).input(ById).output(Workspace),
  /**
   * Archives: runs the cleanup script, removes the recorded worktree with `git worktree remove` and keeps
   * the row (ARCHIVED). Refuses with ARCHIVE_REFUSED when there are uncommitted changes or unpushed commits
   * unless `force`. The branch is kept unless `deleteBranch`.
   */
  archive: base
    .errors(workspaceErrors)
    .input(z.object({ id: Id, force: z.boolean().optional(), deleteBranch: z.boolean().optional() }))
    .output(Workspace),
  /** Recreates the worktree of an ARCHIVED workspace from its branch and provisions it again. */
  unarchive: base.errors(workspaceErrors).input(ById).output(Workspace),
  /** Changed files vs base and vs HEAD, ahead/behind, upstream, and any sync stopped on conflicts. */
  changes: base.errors(workspaceErrors).input(ById).output(WorkspaceChanges),
  /** The unified diff of one file (relative to the worktree) against the merge base or HEAD. */
  fileDiff: base
    .errors(workspaceErrors)
    .input(z.object({ id: Id, path: RelativePath, against: z.enum(['base', 'head']) }))
    .output(z.object({ path: z.string(), diff: z.string(), binary: z.boolean(), truncated: z.boolean() })),
  /** Stages everything in the worktree and commits it. NOTHING_TO_COMMIT when clean. */
  commit: base
    .errors(workspaceErrors)
    .input(z.object({ id: Id, message: z.string().trim().min(1).max(20_000) }))
    .output(z.object({ sha: z.string() })),
  /** Pushes the branch to `origin` and sets its upstream. `force` uses --force-with-lease (and is logged). */
  push: base
    .errors(workspaceErrors)
    .input(z.object({ id: Id, force: z.boolean().optional() }))
    .output(z.object({ remote: z.string(), branch: z.string() })),
  /**
   * Fetches (when there is a remote) and rebases or merges the branch onto its base. On conflicts the
   * operation is left in progress (`CONFLICT`, `hasMergeConflict` set) for an agent or the user to resolve,
   * or for `abortSync`. WORKTREE_DIRTY when there are uncommitted changes.
   */
  sync: base
    .errors(workspaceErrors)
    .input(z.object({ id: Id, strategy: SyncStrategy }))
    .output(
      z.object({
        outcome: z.enum(['UP_TO_DATE', 'UPDATED', 'CONFLICT']),
        conflictedFiles: z.array(z.string()),
        /** Set when the fetch failed and the local base was used. */
        warning: z.string().nullable(),
      }),
    ),
  /** Aborts a rebase or merge left in progress by `sync`. */
  abortSync: base.errors(workspaceErrors).input(ById).output(Workspace),
  /** Script runs of the workspace, newest first (without output). */
  scriptRuns: base.input(ById).output(z.array(ScriptRun)),
  /**
   * One script run with its output (while it runs, as far as it has come); `seq` is the last output chunk
   * included, which `events.scriptOutput` continues.
   */
  scriptOutput: base
    .input(z.object({ runId: Id }))
    .output(z.object({ run: ScriptRun, output: z.string(), seq: z.number().int() })),
};
