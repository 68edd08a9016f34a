import { execFile } from 'node:child_process';

/** Where a GitHub token came from, in the order they are tried. */
export type TokenSource = 'gh' | 'GH_TOKEN' | 'GITHUB_TOKEN' | 'settings';

export interface DiscoveredToken {
  token: string;
  source: TokenSource;
}

export interface TokenDiscoveryOptions {
  /** `github.com`, or an Enterprise host name. */
  hostname: string;
  /** The environment `gh` runs in and the variables are read from (GH_CONFIG_DIR, GH_TOKEN, …). */
  env: NodeJS.ProcessEnv;
  /** A token the user pasted in Settings, tried last. */
  pasted?: string | null;
  /** The `gh` executable; `gh` on PATH by default. */
  ghPath?: string;
  timeoutMs?: number;
}

/**
 * Finds the user's GitHub token without a login of our own: the GitHub CLI's (`gh auth token --hostname`),
 * else `GH_TOKEN`, else `GITHUB_TOKEN`, else the one pasted in Settings. Null when there is none.
 * `gh` runs once per discovery (at start and when the user asks), not per request, so it is spawned here
 * rather than through the git helper.
 */
export async function discoverToken(options: TokenDiscoveryOptions): Promise<DiscoveredToken | null> {
  const fromGh = await ghAuthToken(options);
  if (fromGh) return { token: fromGh, source: 'gh' };
  for (const name of ['GH_TOKEN', 'GITHUB_TOKEN'] as const) {
    const value = options.env[name]?.trim();
    if (value) return { token: value, source: name };
  }
  const pasted = options.pasted?.trim();
  return pasted ? { token: pasted, source: 'settings' } : null;
}

/** The token `gh` holds for the host, or null when gh is missing, signed out, or fails. */
function ghAuthToken(options: TokenDiscoveryOptions): Promise<string | null> {
  // gh prefers GH_TOKEN/GITHUB_TOKEN over its own store when they are set; ask for its stored login only, so
  // the order above holds whatever the environment says.
  const { GH_TOKEN: _gh, GITHUB_TOKEN: _github, GH_ENTERPRISE_TOKEN: _ghe, ...env } = options.env;
  return new Promise((resolve) => {
    execFile(
      options.ghPath ?? 'gh',
      ['auth', 'token', '--hostname', options.hostname],
      { env: { ...env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' }, timeout: options.timeoutMs ?? 10_000 },
      (error, stdout) => {
        const token = stdout?.trim();
        resolve(!error && token && /^[\w-]+$/.test(token) ? token : null);
      },
    );
  });
}
