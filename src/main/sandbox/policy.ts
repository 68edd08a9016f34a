import path from 'node:path';
import type {
  SandboxMechanism,
  SandboxPath,
  SandboxPathRole,
  SandboxSummary,
} from '../../shared/contract/sandbox';
import type { Reach } from '../sessions/client/fs-confinement';

/** A path the policy names, with what it is on disk (a hidden file is covered differently from a folder). */
export interface PolicyPath extends SandboxPath {
  kind: 'dir' | 'file';
}

/**
 * What one agent process may touch: the single source both layers derive from. The OS sandbox (bubblewrap
 * argv, Seatbelt profile) enforces it; the `fs/*` confinement and the permission policy treat `insideRoots`
 * as inside. Every path is real (symlinks resolved) and absolute.
 */
export interface SandboxPolicy {
  worktree: string;
  /** Writable binds: the worktree, the git data a commit needs, agent state, user additions. */
  writable: PolicyPath[];
  /** Visible but read-only, even inside a writable or hidden folder (`.git/hooks`, `.git/config`, the git dir). */
  readOnly: PolicyPath[];
  /** Covered by an empty, read-only mount (a file by an empty file). */
  hidden: PolicyPath[];
  /** A private folder mounted at /tmp (the agent's TMPDIR), removed after the agent exits. */
  privateTemp: string;
  network: boolean;
}

/** What the core found on disk for one session, gathered by `sandbox-facts.ts`. Paths are real and exist. */
export interface SandboxFacts {
  worktree: string;
  /**
   * The worktree's git directories: `gitDir` (its own, `.git/worktrees/<name>` for a linked worktree),
   * `commonDir` (the repository's `.git`), `gitFile` (the worktree's `.git` pointer file, if linked), and which
   * of `objects`, `refs`, `logs` (`shared`) and `hooks`, `config` (`protected`) exist in commonDir.
   */
  git: {
    gitDir: string;
    commonDir: string;
    gitFile: string | null;
    shared: string[];
    protected: { name: string; kind: 'dir' | 'file' }[];
  } | null;
  /** The repository's main working tree, when it is not this worktree. */
  mainWorktree: string | null;
  otherWorktrees: string[];
  appDataDir: string;
  /** Existing secrets folders and files under the home folder (see SECRET_PATHS). */
  secrets: PolicyPath[];
  /** The provider's state folders (e.g. ~/.claude, CODEX_HOME) and ones the user added for it. */
  agentState: PolicyPath[];
  /** Folders the user added for the project: writable, and inside for `fs/*` too. */
  userWritable: string[];
  /** The agent's command and absolute paths in its arguments: kept readable even inside a hidden folder. */
  programs: string[];
  privateTemp: string;
  network: boolean;
}

/** Under the home folder: credentials an agent never needs to see. */
export const SECRET_PATHS = [
  '.ssh',
  '.aws',
  '.config/gh',
  '.gnupg',
  '.netrc',
  '.git-credentials',
  '.docker',
  '.kube',
  '.azure',
] as const;

/** Where the private temp folder is mounted inside the sandbox: the host's /tmp is out of sight. */
export const PRIVATE_TMP = '/tmp';

/** The git data a linked worktree writes to commit (in the repository's common `.git`). */
export const GIT_SHARED_DIRS = ['objects', 'refs', 'logs'] as const;
/** Never writable: an agent that wrote them would run code outside the sandbox the next time the user runs git. */
export const GIT_PROTECTED = ['hooks', 'config'] as const;

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const dir = (p: string, role: SandboxPathRole): PolicyPath => ({ path: p, role, kind: 'dir' });

/** The policy for one agent process, from what was found on disk. Pure. */
export function buildSandboxPolicy(facts: SandboxFacts): SandboxPolicy {
  const writable: PolicyPath[] = [dir(facts.worktree, 'worktree')];
  const readOnly: PolicyPath[] = [];
  const git = facts.git;
  if (git) {
    // A linked worktree's common dir stays visible (read-only) where the main working tree around it is hidden.
    // In the main working tree itself it is the worktree's own git dir: git writes its index and HEAD there.
    if (git.gitDir !== git.commonDir) readOnly.push(dir(git.commonDir, 'git'));
    for (const name of git.shared) writable.push(dir(path.join(git.commonDir, name), 'git'));
    if (!isInside(facts.worktree, git.gitDir)) writable.push(dir(git.gitDir, 'git'));
    for (const p of git.protected) {
      readOnly.push({ path: path.join(git.commonDir, p.name), role: 'git-protected', kind: p.kind });
    }
    if (git.gitFile) readOnly.push({ path: git.gitFile, role: 'git-protected', kind: 'file' });
  }
  writable.push(...facts.agentState.map((p) => ({ ...p, role: 'agent-state' as const })));
  writable.push(...facts.userWritable.map((p) => dir(p, 'user')));

  // A folder named for the agent wins over a hide of that very folder, and opens inside a hidden one (mounted
  // after it); what is hidden inside a named folder stays hidden (naming `~` does not open `~/.ssh`).
  const named = [...facts.agentState.map((p) => p.path), ...facts.userWritable];
  const hidden: PolicyPath[] = [
    ...facts.secrets,
    dir(facts.appDataDir, 'app-data'),
    ...(facts.mainWorktree && facts.mainWorktree !== facts.worktree
      ? [dir(facts.mainWorktree, 'main-worktree')]
      : []),
    ...facts.otherWorktrees.filter((w) => w !== facts.worktree).map((w) => dir(w, 'other-worktree')),
  ].filter((h) => !named.includes(h.path));
  // The agent program must still start where it lives in a hidden folder (the app run from a checkout added as a
  // project) or under /tmp, which the sandbox replaces (an AppImage runs from /tmp/.mount_*).
  for (const program of facts.programs) {
    const covered = isInside(PRIVATE_TMP, program) || hidden.some((h) => isInside(h.path, program));
    if (covered) readOnly.push(dir(programRoot(program), 'program'));
  }

  return {
    worktree: facts.worktree,
    writable: dedupe(writable),
    readOnly: dedupe(readOnly),
    hidden: dedupe(hidden),
    privateTemp: facts.privateTemp,
    network: facts.network,
  };
}

/** The `node_modules` folder a program lives in (its dependencies too), else its folder. */
function programRoot(program: string): string {
  const parts = program.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  return at > 0 ? parts.slice(0, at + 1).join(path.sep) : path.dirname(program);
}

function dedupe(paths: PolicyPath[]): PolicyPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    if (seen.has(p.path)) return false;
    seen.add(p.path);
    return true;
  });
}

/**
 * The folders the `fs/*` confinement and the permission policy treat as inside: the worktree first, then the
 * folders the user added. Git data, agent state and the private temp folder are writable for the agent's own
 * machinery but are not places an `fs/*` request or an auto-approved edit may target.
 */
export function insideRoots(policy: SandboxPolicy | null, worktree: string): Reach {
  if (!policy) return { roots: [worktree], hidden: [] };
  const roots = [worktree, ...policy.writable.filter((p) => p.role === 'user').map((p) => p.path)];
  const hidden = policy.hidden.map((h) => h.path).filter((h) => roots.some((r) => isInside(r, h)));
  return { roots, hidden };
}

/** The policy as shown on the session. */
export function summarize(
  policy: SandboxPolicy | null,
  state: { mechanism: SandboxMechanism; on: boolean; off: boolean; reason: string | null; network: boolean },
): SandboxSummary {
  const strip = (paths: PolicyPath[]): SandboxPath[] => paths.map(({ path: p, role }) => ({ path: p, role }));
  const tempShown = state.mechanism === 'bwrap' ? PRIVATE_TMP : (policy?.privateTemp ?? PRIVATE_TMP);
  return {
    state: state.on ? 'on' : state.off ? 'off' : 'unavailable',
    mechanism: state.on ? state.mechanism : 'none',
    reason: state.on ? null : state.reason,
    // bubblewrap mounts the private temp folder at /tmp; Seatbelt cannot, so the agent's TMPDIR names it.
    writable: policy ? strip([...policy.writable, { path: tempShown, role: 'temp', kind: 'dir' }]) : [],
    readOnly: policy ? strip(policy.readOnly) : [],
    hidden: policy ? strip(policy.hidden) : [],
    network: state.network,
  };
}
