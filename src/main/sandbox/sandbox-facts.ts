import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { GIT_PROTECTED, GIT_SHARED_DIRS, type PolicyPath, type SandboxFacts, SECRET_PATHS } from './policy';

/** The real path of an existing file or folder, or null. */
export function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/**
 * The files an agent start needs in sight: each absolute program or script, and, for a script outside any
 * `node_modules`, the manifest of the package it belongs to (the nearest `package.json` above it), whose folder
 * is where Node resolves the script's imports: an app run from a checkout under /tmp (the sandbox replaces
 * /tmp) still finds its dependencies.
 */
export function programFiles(command: string, args: string[]): string[] {
  const programs = [command, ...args].filter((a) => path.isAbsolute(a)).map((a) => realOrNull(a) ?? a);
  const manifests = programs
    .filter((p) => !p.split(path.sep).includes('node_modules') && kindOf(p) === 'file')
    .map(packageManifestOf)
    .filter((m): m is string => m !== null);
  return [...new Set([...programs, ...manifests])];
}

function packageManifestOf(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (kindOf(manifest) === 'file') return manifest;
    if (path.dirname(dir) === dir) return null;
  }
}

function kindOf(p: string): 'dir' | 'file' | null {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

function readLine(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The worktree's git directories, read from disk rather than asked of git (no process per start): a linked
 * worktree's `.git` file says `gitdir: <repo>/.git/worktrees/<name>`, whose `commondir` names the repository's
 * `.git`. A `.git` folder makes the worktree the main working tree.
 */
export function gitFacts(worktree: string): SandboxFacts['git'] {
  const dotGit = path.join(worktree, '.git');
  let gitDir: string | null = null;
  let gitFile: string | null = null;
  try {
    if (lstatSync(dotGit).isDirectory()) gitDir = realOrNull(dotGit);
    else {
      const line = readLine(dotGit);
      const target = line?.startsWith('gitdir:') ? line.slice('gitdir:'.length).trim() : null;
      gitDir = target ? realOrNull(path.resolve(worktree, target)) : null;
      gitFile = dotGit;
    }
  } catch {
    return null;
  }
  if (!gitDir) return null;
  const common = readLine(path.join(gitDir, 'commondir'));
  const commonDir = (common ? realOrNull(path.resolve(gitDir, common)) : null) ?? gitDir;
  // A repository without reflogs yet: git would create `logs` on the first commit, in a folder it cannot write.
  if (!existsSync(path.join(commonDir, 'logs'))) mkdirSync(path.join(commonDir, 'logs'), { recursive: true });
  const shared = GIT_SHARED_DIRS.filter((name) => kindOf(path.join(commonDir, name)) === 'dir');
  const guarded = GIT_PROTECTED.flatMap((name) => {
    const kind = kindOf(path.join(commonDir, name));
    return kind ? [{ name, kind }] : [];
  });
  return { gitDir, commonDir, gitFile, shared, protected: guarded };
}

/** The main working tree (a non-bare repository's `.git` parent) and the repository's other linked worktrees. */
export function worktreesOf(git: NonNullable<SandboxFacts['git']>): {
  main: string | null;
  others: string[];
} {
  const main = path.basename(git.commonDir) === '.git' ? path.dirname(git.commonDir) : null;
  const others: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(path.join(git.commonDir, 'worktrees'));
  } catch {
    names = [];
  }
  for (const name of names) {
    const pointer = readLine(path.join(git.commonDir, 'worktrees', name, 'gitdir'));
    const tree = pointer ? realOrNull(path.dirname(pointer)) : null;
    if (tree) others.push(tree);
  }
  return { main, others };
}

/**
 * The secrets that exist: folders and files under each home folder (SECRET_PATHS), and the sockets that hand
 * out credentials or more (SSH and GPG agents, the keyring, Docker and Podman, whose socket is root on the host).
 * A read-only mount does not stop connecting to a socket: each is covered by an empty file.
 */
export function secretsUnder(homes: readonly string[], env: NodeJS.ProcessEnv): PolicyPath[] {
  const runtime = env.XDG_RUNTIME_DIR || (process.getuid ? `/run/user/${process.getuid()}` : null);
  const candidates = [
    ...homes.flatMap((home) => SECRET_PATHS.map((rel) => path.join(home, rel))),
    ...SECRET_SOCKETS,
    ...(runtime ? RUNTIME_SECRETS.map((rel) => path.join(runtime, rel)) : []),
    ...(env.SSH_AUTH_SOCK ? [env.SSH_AUTH_SOCK] : []),
  ];
  const found: PolicyPath[] = [];
  for (const candidate of candidates) {
    const real = realOrNull(candidate);
    const kind = real ? kindOf(real) : null;
    if (real && kind && !found.some((f) => f.path === real))
      found.push({ path: real, role: 'secrets', kind });
  }
  return found;
}

const SECRET_SOCKETS = ['/run/docker.sock', '/var/run/docker.sock', '/run/podman/podman.sock'];
/** Under the user's runtime folder ($XDG_RUNTIME_DIR). */
const RUNTIME_SECRETS = ['docker.sock', 'podman', 'gnupg', 'keyring', 'ssh-agent.socket', 'gcr'];

/**
 * An agent's state folders and files, created when missing: the agent writes its first state there, and
 * their parent, the home folder, is read-only in the sandbox. A state file is bound in place, so the agent
 * must find it existing (Claude writes `~/.claude.json` in place when it cannot replace it).
 */
export function stateFolders(
  dirs: readonly string[],
  files: readonly { path: string; initial: string }[],
): PolicyPath[] {
  const out: PolicyPath[] = [];
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      continue;
    }
    const real = realOrNull(dir);
    if (real) out.push({ path: real, role: 'agent-state', kind: 'dir' });
  }
  for (const file of files) {
    try {
      writeFileSync(file.path, file.initial, { flag: 'wx' });
    } catch {
      // It exists (or cannot be made; then it is left out).
    }
    const real = realOrNull(file.path);
    if (real && kindOf(real) === 'file') out.push({ path: real, role: 'agent-state', kind: 'file' });
  }
  return out;
}
