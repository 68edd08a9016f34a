import type { GitHubProblemKind, GitHubProblemView, GitHubTokenSource } from '../../shared/contract/github';

export type { GitHubProblemKind };

/**
 * What can go wrong talking to GitHub, as values the board and Settings can show (kinds are declared in the
 * contract). `retryAt` (epoch ms) is set when GitHub said when to come back (rate limits).
 */
export interface GitHubProblem {
  kind: GitHubProblemKind;
  message: string;
  status: number | null;
  retryAt: number | null;
}

export function githubProblem(
  kind: GitHubProblemKind,
  message: string,
  status: number | null = null,
  retryAt: number | null = null,
): GitHubProblem {
  return { kind, message, status, retryAt };
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** Maps an Octokit `RequestError` (or anything thrown by a request) to a problem. */
export function problemFromError(error: unknown, now = Date.now()): GitHubProblem {
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : null;
  const headers = e.response?.headers ?? {};
  const message = messageOf(e);
  if (status === 401) return githubProblem('UNAUTHORIZED', message, status);
  if (status === 403 || status === 429) {
    const retryAt = retryAtOf(headers, now);
    const limited = status === 429 || headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message);
    return limited
      ? githubProblem('RATE_LIMITED', message, status, retryAt)
      : githubProblem('FORBIDDEN', message, status);
  }
  if (status === 404 || status === 410) return githubProblem('NOT_FOUND', message, status);
  if (status === 422) return githubProblem('INVALID', message, status);
  return githubProblem('UNAVAILABLE', message, status);
}

function retryAtOf(headers: Record<string, string | undefined>, now: number): number | null {
  const after = Number(headers['retry-after']);
  if (Number.isFinite(after) && after >= 0) return now + after * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
}

function messageOf(e: ErrorLike): string {
  const data = e.response?.data as { message?: unknown } | undefined;
  if (data && typeof data.message === 'string' && data.message) return data.message;
  return typeof e.message === 'string' && e.message ? e.message : 'GitHub request failed';
}

const SOURCE_NAMES: Record<GitHubTokenSource, string> = {
  gh: 'the GitHub CLI (gh)',
  GH_TOKEN: 'GH_TOKEN',
  GITHUB_TOKEN: 'GITHUB_TOKEN',
  settings: 'the token pasted in Settings',
};

/**
 * A problem as a person reads it: what failed and what to do. `signIn` names where the token came from and the
 * API URL, for the sign-in check.
 */
export function problemView(
  problem: GitHubProblem,
  signIn?: { source: GitHubTokenSource; apiUrl: string },
): GitHubProblemView {
  const from = signIn ? ` from ${SOURCE_NAMES[signIn.source]}` : '';
  const at = signIn ? ` at ${signIn.apiUrl}` : '';
  const message = {
    UNAUTHORIZED: `GitHub refused the token${from} (expired or revoked). Run \`gh auth login\` again or paste a new token.`,
    FORBIDDEN: `GitHub refused the token${from}: ${problem.message}`,
    NOT_FOUND: signIn
      ? `${signIn.apiUrl} does not answer like a GitHub API (404). Check the host in Settings.`
      : `Not found on GitHub: ${problem.message}`,
    RATE_LIMITED: `GitHub's rate limit is reached; the app tries again later.`,
    INVALID: `GitHub refused the request: ${problem.message}`,
    UNAVAILABLE: `GitHub${at} cannot be reached: ${problem.message}`,
    MALFORMED: `GitHub${at} sent an answer that is not in the documented shape.`,
  }[problem.kind];
  return { kind: problem.kind, message, retryAt: problem.retryAt };
}
