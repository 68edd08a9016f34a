/** Extracts `{ owner, repo }` from a GitHub remote URL (https, ssh, or scp-like), or null for other hosts. */
export function parseGithubRemote(url: string | null | undefined): { owner: string; repo: string } | null {
  if (!url) return null;
  const match =
    /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com(?::\d+)?\/|git@github\.com:)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  if (!match) return null;
  return { owner: match[1]!, repo: match[2]! };
}
