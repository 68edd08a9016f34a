import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../../shared/lib/result';

export type ConfinementProblem =
  | 'NOT_ABSOLUTE'
  | 'OUTSIDE_WORKTREE'
  | 'SYMLINK_ESCAPE'
  | 'GIT_INTERNALS'
  | 'HIDDEN';

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Where an agent's `fs/*` requests and auto-approved edits may act: the worktree first, then the folders the
 * user made writable for the project; minus what the sandbox hides inside them. Derived from the sandbox
 * policy (`insideRoots`), so both layers agree.
 */
export interface Reach {
  roots: readonly string[];
  hidden: readonly string[];
}

/**
 * Resolves a path an agent gave (ACP paths are absolute) to its real location and checks it stays inside
 * one of the reach's roots and out of what it hides (a worktree alone when given a string). `..` segments are
 * normalized first; then the deepest existing ancestor is resolved with realpath, so a symlink anywhere on the
 * way that points outside is refused. Writes into `.git` are refused too (a worktree's `.git` points into the
 * main repository; the sandbox keeps that pointer read-only). A problem is reported for the worktree.
 */
export async function confinePath(
  reach: string | Reach,
  requested: string,
  purpose: 'read' | 'write',
): Promise<Result<string, ConfinementProblem>> {
  const { roots, hidden } = typeof reach === 'string' ? { roots: [reach], hidden: [] } : reach;
  const [worktree, ...more] = roots;
  if (worktree === undefined) return err('OUTSIDE_WORKTREE');
  let result = await confineToRoot(worktree, requested, purpose);
  for (const root of more) {
    if (result.ok) break;
    const other = await confineToRoot(root, requested, purpose).catch(() => null);
    if (other?.ok) result = other;
  }
  if (result.ok && isHidden(result.value, roots, hidden)) return err('HIDDEN');
  return result;
}

/** Under a hidden folder and not reopened below it by a root (a worktree inside the hidden app data folder). */
function isHidden(real: string, roots: readonly string[], hidden: readonly string[]): boolean {
  return hidden.some(
    (h) => inside(h, real) && !roots.some((r) => r !== h && inside(h, r) && inside(r, real)),
  );
}

async function confineToRoot(
  worktree: string,
  requested: string,
  purpose: 'read' | 'write',
): Promise<Result<string, ConfinementProblem>> {
  if (!path.isAbsolute(requested)) return err('NOT_ABSOLUTE');
  const root = await realpath(worktree);
  const normalized = path.resolve(requested);
  if (!inside(root, normalized) && !inside(path.resolve(worktree), normalized))
    return err('OUTSIDE_WORKTREE');

  // Resolve the deepest part that exists; the rest (a file to create) is appended unresolved.
  let existing = normalized;
  const rest: string[] = [];
  let resolved: string | null = null;
  while (resolved === null) {
    try {
      resolved = await realpath(existing);
    } catch {
      // A dangling symlink would be followed by a write: refuse it rather than guess where it points.
      if (await isSymlink(existing)) return err('SYMLINK_ESCAPE');
      const parent = path.dirname(existing);
      if (parent === existing) return err('OUTSIDE_WORKTREE');
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
  const real = path.join(resolved, ...rest);
  if (!inside(root, real)) return err('SYMLINK_ESCAPE');
  if (purpose === 'write' && path.relative(root, real).split(path.sep)[0] === '.git')
    return err('GIT_INTERNALS');
  return ok(real);
}

async function isSymlink(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isSymbolicLink();
  } catch {
    return false;
  }
}

export const CONFINEMENT_MESSAGES: Record<ConfinementProblem, string> = {
  NOT_ABSOLUTE: 'Paths must be absolute',
  OUTSIDE_WORKTREE: 'The path is outside the workspace worktree',
  SYMLINK_ESCAPE: 'The path leads outside the workspace worktree through a symbolic link',
  GIT_INTERNALS: 'Writing into .git is not allowed',
  HIDDEN: "The path is hidden from agents by the workspace's sandbox",
};
