/**
 * Branch names derived from free text. Pure: the core still checks the result with `git check-ref-format`
 * and against existing refs; this only produces a safe, readable candidate.
 */

const MAX_SLUG = 48;

/**
 * Lowercase ASCII slug of free text: accents folded, anything else becomes "-", no leading/trailing "-" or
 * ".", no "..", bounded length. Empty when nothing usable remains (the caller picks a fallback).
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  return slug;
}

/** `<prefix>/<slug>`; the slug falls back to `workspace` when the text has no usable characters. */
export function branchNameFor(prefix: string, text: string): string {
  const slug = slugify(text) || 'workspace';
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  return cleanPrefix ? `${cleanPrefix}/${slug}` : slug;
}

// git looks a short name up as itself, then under refs/, refs/tags/, refs/heads/ and refs/remotes/: a branch
// whose name starts with one of these folders can be spelled like another ref.
const REF_FOLDERS = ['refs', 'heads', 'tags', 'remotes'];

/**
 * Why a branch name (or a branch prefix, as `<prefix>/…`) would make git refs ambiguous, or null when it
 * does not. `refs/heads/main` as a branch name becomes `refs/heads/refs/heads/main`, after which "main"
 * names two refs and every later `git worktree add` from it fails.
 */
export function ambiguousBranchReason(name: string): string | null {
  const first = name.split('/')[0] ?? '';
  if (name === 'HEAD' || first === 'HEAD') return '"HEAD" is git\'s name for the current commit';
  if (name.includes('/') && REF_FOLDERS.includes(first)) {
    return `A branch name cannot start with "${first}/": git would confuse it with its own refs`;
  }
  return null;
}

/**
 * The first of `name`, `name-2`, `name-3`, … for which `isTaken` is false. `isTaken` may be async (it asks
 * git). Gives up after `limit` tries and returns null.
 */
export async function firstFreeName(
  name: string,
  isTaken: (candidate: string) => boolean | Promise<boolean>,
  limit = 100,
): Promise<string | null> {
  for (let i = 1; i <= limit; i++) {
    const candidate = i === 1 ? name : `${name}-${i}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  return null;
}
