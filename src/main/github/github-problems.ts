import type { GitHubProblemKind } from '../../shared/contract/github';

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
