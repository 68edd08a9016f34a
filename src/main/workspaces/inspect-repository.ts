import { realpath, stat } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/lib/result';
import { runGit } from '../git/run-git';

export type RepositoryProblem =
  | 'NOT_FOUND'
  | 'NOT_A_DIRECTORY'
  | 'NOT_A_GIT_REPOSITORY'
  | 'BARE_REPOSITORY'
  | 'NO_COMMITS';

export interface RepositoryFacts {
  /** Real path of the work tree's top level (symlinks resolved). */
  root: string;
  defaultBranch: string;
  remoteUrl: string | null;
}

/**
 * Checks that `inputPath` is (inside) a non-bare git work tree with at least one commit, and reads its
 * default branch and `origin` URL. Read-only: runs no git command that writes.
 */
export async function inspectRepository(
  inputPath: string,
): Promise<Result<RepositoryFacts, RepositoryProblem>> {
  let real: string;
  try {
    real = await realpath(inputPath);
    if (!(await stat(real)).isDirectory()) return err('NOT_A_DIRECTORY');
  } catch {
    return err('NOT_FOUND');
  }

  const bare = await runGit(['rev-parse', '--is-bare-repository'], { cwd: real });
  if (!bare.ok) return err('NOT_A_GIT_REPOSITORY');
  if (bare.stdout.trim() === 'true') return err('BARE_REPOSITORY');
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: real });
  if (!top.ok || !top.stdout.trim()) return err('NOT_A_GIT_REPOSITORY');
  const root = await realpath(top.stdout.trim());

  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: root });
  if (!head.ok) return err('NO_COMMITS');

  // The URL as configured, before `url.<base>.insteadOf` rewrites (a mirror or a local copy of a GitHub
  // repository is still that GitHub repository); pushes and fetches still go where git rewrites them.
  const remote = await runGit(['config', '--get', 'remote.origin.url'], { cwd: root });
  const remoteUrl = remote.ok ? remote.stdout.trim() || null : null;
  return ok({ root, defaultBranch: await detectDefaultBranch(root), remoteUrl });
}

/** origin/HEAD when known, else a local main/master, else the checked-out branch. */
async function detectDefaultBranch(root: string): Promise<string> {
  const originHead = await runGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], {
    cwd: root,
  });
  if (originHead.ok && originHead.stdout.trim().startsWith('origin/')) {
    return originHead.stdout.trim().slice('origin/'.length);
  }
  for (const candidate of ['main', 'master']) {
    const exists = await runGit(['show-ref', '--verify', '--quiet', `refs/heads/${candidate}`], {
      cwd: root,
    });
    if (exists.ok) return candidate;
  }
  const current = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: root });
  return current.ok && current.stdout.trim() ? current.stdout.trim() : 'main';
}
