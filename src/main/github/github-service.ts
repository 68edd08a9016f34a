import type { GitHubStatus } from '../../shared/contract/github';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/settings-service';
import { GitHubApi } from './github-api';
import { problemView } from './github-problems';
import { discoverToken } from './github-token';
import { createGitHubTransport, type GitHubTransport } from './github-transport';

export interface GitHubServiceDeps {
  events: EventBus;
  logger: Logger;
  settings: SettingsService;
  /** The environment gh runs in and GH_TOKEN / GITHUB_TOKEN are read from. */
  env: NodeJS.ProcessEnv;
  /** Replaces the API URL derived from the host (tests point it at the fake server). */
  apiUrl?: string;
  /** The `gh` executable; `gh` on PATH by default. */
  ghPath?: string;
  /** Milliseconds per second of GitHub's back-off hints; tests shrink it. */
  msPerSecond?: number;
}

/** A signed-in client: what the issue and pull request pollers use. */
export interface GitHubSession {
  login: string;
  api: GitHubApi;
  transport: GitHubTransport;
}

/** `https://api.github.com` for github.com, `https://<host>/api/v3` for an Enterprise server. */
export function apiUrlFor(host: string): string {
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}

/**
 * Who the app talks to GitHub as. Finds the token (gh, GH_TOKEN, GITHUB_TOKEN, the pasted one) at start, on
 * refresh and when the host or pasted token changes, asks GitHub who it belongs to, and publishes the status.
 * The token stays in this service and the transport it builds: it is registered with the logger's redaction
 * and never put in a status, an event or an agent's environment.
 */
export class GitHubService implements Disposable {
  private current: GitHubStatus | null = null;
  private session: GitHubSession | null = null;
  private token: string | null = null;
  private checking: Promise<GitHubStatus> | null = null;
  private host: string;
  private disposed = false;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<(session: GitHubSession | null) => void>();

  constructor(private readonly deps: GitHubServiceDeps) {
    this.host = deps.settings.get().githubHost;
    this.unsubscribe = deps.events.on((event) => {
      if (event.type !== 'settings.changed' || event.settings.githubHost === this.host) return;
      this.host = event.settings.githubHost;
      void this.refresh();
    });
  }

  /** The last check, or the first one when none was made yet. */
  async status(): Promise<GitHubStatus> {
    return this.current ?? this.refresh();
  }

  /** Checks sign-in again; concurrent callers share one check. */
  refresh(): Promise<GitHubStatus> {
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Stores (or with null forgets) the pasted token, then checks sign-in again. */
  async setToken(token: string | null): Promise<GitHubStatus> {
    if (token) this.deps.logger.addSecret(token);
    this.deps.settings.setSecret('githubToken', token || null);
    await this.checking?.catch(() => {});
    return this.refresh();
  }

  /** The signed-in client, or null (signed out, or the last check found a problem). */
  async signedIn(): Promise<GitHubSession | null> {
    await this.status();
    return this.session;
  }

  /**
   * The environment that lets `gh` (and git over HTTPS through gh) act as the signed-in user: `GH_TOKEN`, plus
   * `GH_HOST` and `GH_ENTERPRISE_TOKEN` for an Enterprise host. Empty when no token was found (or before the
   * first check has found one, just after start). Only for the agents of a project whose user turned on "give
   * agents GitHub access"; the caller checks that.
   */
  agentEnv(): Record<string, string> {
    if (!this.token) return {};
    if (this.host === 'github.com') return { GH_TOKEN: this.token };
    return { GH_TOKEN: this.token, GH_HOST: this.host, GH_ENTERPRISE_TOKEN: this.token };
  }

  /** Calls `listener` with the new client (or null) after every check. */
  onSession(listener: (session: GitHubSession | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.listeners.clear();
  }

  private async check(): Promise<GitHubStatus> {
    const host = this.host;
    const apiUrl = this.deps.apiUrl ?? apiUrlFor(host);
    const pasted = this.deps.settings.secret('githubToken');
    const base = { host, apiUrl, hasPastedToken: pasted !== null };
    const found = await discoverToken({
      hostname: host,
      env: this.deps.env,
      pasted,
      ghPath: this.deps.ghPath,
    });
    if (!found) return this.settle(signedOut(base), null);
    this.deps.logger.addSecret(found.token);
    const transport = createGitHubTransport({
      baseUrl: apiUrl,
      token: found.token,
      logger: this.deps.logger,
      msPerSecond: this.deps.msPerSecond,
      // A token that expires after sign-in: check again, so Settings and the columns say so.
      onUnauthorized: () => {
        if (this.session?.transport === transport) void this.refresh();
      },
    });
    const api = new GitHubApi(transport);
    const viewer = await api.viewer();
    if (!viewer.ok) {
      const problem = problemView(viewer.error, { source: found.source, apiUrl });
      this.deps.logger.warn(`GitHub sign-in check failed: ${problem.message}`);
      // The token is kept for agents that were given access: GitHub may only have been unreachable.
      return this.settle(
        { ...signedOut(base), state: 'PROBLEM', tokenSource: found.source, problem },
        null,
        found.token,
      );
    }
    const { login, name, scopes } = viewer.value;
    return this.settle(
      {
        ...base,
        state: 'SIGNED_IN',
        login,
        name,
        scopes,
        tokenSource: found.source,
        problem: null,
        checkedAt: Date.now(),
      },
      { login, api, transport },
      found.token,
    );
  }

  private settle(
    status: GitHubStatus,
    session: GitHubSession | null,
    token: string | null = null,
  ): GitHubStatus {
    if (this.disposed) return status;
    this.current = status;
    this.session = session;
    this.token = token;
    this.deps.events.publish({ type: 'github.changed', status });
    for (const listener of [...this.listeners]) listener(session);
    return status;
  }
}

function signedOut(base: Pick<GitHubStatus, 'host' | 'apiUrl' | 'hasPastedToken'>): GitHubStatus {
  return {
    ...base,
    state: 'SIGNED_OUT',
    login: null,
    name: null,
    scopes: [],
    tokenSource: null,
    problem: null,
    checkedAt: Date.now(),
  };
}
