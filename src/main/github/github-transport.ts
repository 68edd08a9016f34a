import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { err, ok, type Result } from '../../shared/lib/result';
import type { Logger } from '../logging/logger';
import { type GitHubProblem, githubProblem, problemFromError } from './github-problems';

export interface GitHubTransportOptions {
  /** `https://api.github.com`, `https://<host>/api/v3` for Enterprise, or a test server. */
  baseUrl: string;
  token: string;
  logger?: Logger;
  /** Requests in flight at once (GitHub asks integrators to avoid concurrent bursts). */
  concurrency?: number;
  /** Retries of 5xx and of rate limits before a problem is returned. */
  retries?: number;
  /** Milliseconds per second of GitHub's `retry-after` / back-off; tests shrink it, never the logic. */
  msPerSecond?: number;
  /** Called when GitHub answers 401 (the token expired or was revoked since sign-in). */
  onUnauthorized?: () => void;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Record<string, string | undefined>;
  data: T;
  /** Answered from the ETag cache after a 304 (which GitHub does not count against the rate limit). */
  fromCache: boolean;
}

export interface GitHubTransport {
  /** A REST call, e.g. `request('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open' })`. */
  request<T = unknown>(
    route: string,
    params?: Record<string, unknown>,
  ): Promise<Result<GitHubResponse<T>, GitHubProblem>>;
  /** A GraphQL query (batched reads); GraphQL errors become problems. */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<Result<T, GitHubProblem>>;
}

interface CachedResponse {
  etag: string;
  status: number;
  headers: Record<string, string | undefined>;
  data: unknown;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

/**
 * The one HTTP client to GitHub: Octokit with the throttling and retry plugins (back-off on 403/429 from
 * `retry-after` / `x-ratelimit-reset`, retries of 5xx), plus what GitHub's best practices ask and Octokit
 * leaves to its users: conditional GETs (ETag → 304 reuses the cached body), one request per identical GET in
 * flight, and a cap on concurrent requests. Nothing outside src/main/github sees Octokit.
 */
export function createGitHubTransport(options: GitHubTransportOptions): GitHubTransport {
  const retries = options.retries ?? 2;
  const msPerSecond = options.msPerSecond ?? 1000;
  const cache = new Map<string, CachedResponse>();
  const inFlight = new Map<string, Promise<unknown>>();
  const limit = semaphore(options.concurrency ?? 4);

  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'factory-factory',
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => options.logger?.warn(`GitHub: ${message}`),
      error: (message: string) => options.logger?.error(`GitHub: ${message}`),
    },
    throttle: {
      // The plugin's spacing (a second between writes, GraphQL reads included; two between searches) is kept,
      // in this client's own groups so that it scales with `msPerSecond` like every other wait.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: msPerSecond }),
      search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2 * msPerSecond }),
      retryAfterBaseValue: msPerSecond,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: (after: number, o: { method: string; url: string }, _k: unknown, count: number) => {
        options.logger?.warn(`GitHub rate limit on ${o.method} ${o.url}; retry ${count + 1} in ${after}s`);
        return count < retries;
      },
      onSecondaryRateLimit: (
        after: number,
        o: { method: string; url: string },
        _k: unknown,
        count: number,
      ) => {
        options.logger?.warn(`GitHub secondary rate limit on ${o.method} ${o.url}; retry in ${after}s`);
        return count < retries;
      },
    },
    retry: { retries, retryAfterBaseValue: msPerSecond },
  });

  octokit.hook.wrap('request', async (request, endpointOptions) => {
    const parsed = octokit.request.endpoint.parse(endpointOptions);
    const key = `${parsed.method} ${parsed.url}`;
    if (parsed.method !== 'GET') return limit(async () => request(endpointOptions));
    const pending = inFlight.get(key);
    if (pending) return pending as ReturnType<typeof request>;
    const run = limit(async () => {
      const cached = cache.get(key);
      if (cached) endpointOptions.headers = { ...endpointOptions.headers, 'if-none-match': cached.etag };
      try {
        const response = await request(endpointOptions);
        const etag = response.headers.etag;
        if (etag)
          cache.set(key, {
            etag,
            status: response.status,
            headers: response.headers as Record<string, string | undefined>,
            data: response.data,
          });
        return response;
      } catch (error) {
        if (cached && (error as { status?: number }).status === 304) {
          return { ...cached, url: parsed.url, headers: { ...cached.headers, 'x-ff-from-cache': '1' } };
        }
        throw error;
      }
    }).finally(() => inFlight.delete(key));
    inFlight.set(key, run);
    return run as ReturnType<typeof request>;
  });

  return {
    async request<T>(route: string, params: Record<string, unknown> = {}) {
      try {
        const response = await octokit.request(route, params);
        const headers = response.headers as Record<string, string | undefined>;
        if (typeof response.data === 'string' && /json/.test(headers['content-type'] ?? '')) {
          return err(githubProblem('MALFORMED', `GitHub sent a body that is not JSON for ${route}`));
        }
        return ok({
          status: response.status,
          headers,
          data: response.data as T,
          fromCache: headers['x-ff-from-cache'] === '1',
        });
      } catch (error) {
        return err(unauthorizedSeen(problemFromError(error)));
      }
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
      try {
        return ok((await octokit.graphql<T>(query, variables)) as T);
      } catch (error) {
        const errors = (error as { errors?: Array<{ type?: string; message?: string }> }).errors;
        if (Array.isArray(errors)) {
          const types = new Set(errors.map((e) => e.type));
          const kind = types.has('RATE_LIMITED')
            ? 'RATE_LIMITED'
            : types.has('NOT_FOUND')
              ? 'NOT_FOUND'
              : types.has('FORBIDDEN')
                ? 'FORBIDDEN'
                : 'INVALID';
          return err(githubProblem(kind, errors.map((e) => e.message).join('; ') || 'GraphQL error'));
        }
        return err(unauthorizedSeen(problemFromError(error)));
      }
    },
  };

  function unauthorizedSeen(problem: GitHubProblem): GitHubProblem {
    if (problem.kind === 'UNAUTHORIZED') options.onUnauthorized?.();
    return problem;
  }
}

/** Runs at most `max` tasks at once, the rest in arrival order. */
function semaphore(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
