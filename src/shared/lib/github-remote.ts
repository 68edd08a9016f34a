const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Extracts `{ owner, repo }` from a remote URL on the given GitHub host (`github.com`, or an Enterprise host
 * such as `ghe.corp` or `ghe.corp:8443`), or null for any other host. Knows the forms git accepts:
 * `https://[user@]HOST/o/r(.git)`, `ssh://[user@]HOST[:port]/o/r(.git)` and scp-like `[user@]HOST:o/r(.git)`.
 * A port in the configured host must match an https remote's port; SSH ports are SSH's own and not compared.
 */
export function parseGithubRemote(
  url: string | null | undefined,
  host = 'github.com',
): { owner: string; repo: string } | null {
  if (!url) return null;
  const text = url.trim();
  const [hostname = '', port = ''] = host.trim().toLowerCase().split(':');
  if (!hostname) return null;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return scp[1]!.toLowerCase() === hostname ? ownerAndRepo(scp[2]!) : null;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if (parsed.hostname.toLowerCase() !== hostname) return null;
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
    const remotePort = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
    if (port && remotePort !== port) return null;
  } else if (parsed.protocol !== 'ssh:' && parsed.protocol !== 'git+ssh:') return null;
  return ownerAndRepo(decodeURIComponent(parsed.pathname));
}

function ownerAndRepo(path: string): { owner: string; repo: string } | null {
  const parts = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2) return null;
  const [owner, repo] = parts as [string, string];
  return NAME.test(owner) && NAME.test(repo) && repo !== '.' && repo !== '..' ? { owner, repo } : null;
}
