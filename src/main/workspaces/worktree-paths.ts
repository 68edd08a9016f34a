import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Resolves symlinks where the path exists (git reports real paths), else normalizes it. */
export function canonicalPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export function sameWorktreePath(a: string, b: string): boolean {
  return canonicalPath(a) === canonicalPath(b);
}

/**
 * Resolves `relative` inside `root` and returns the absolute path, or null when it would leave the root
 * (absolute paths, `..`, or a symlink pointing outside).
 */
export function resolveInside(root: string, relative: string): string | null {
  if (path.isAbsolute(relative)) return null;
  const realRoot = canonicalPath(root);
  const joined = path.resolve(realRoot, relative);
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + path.sep);
  if (!inside(joined)) return null;
  return inside(canonicalPath(joined)) ? joined : null;
}
