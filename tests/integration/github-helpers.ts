import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Workspace } from '../../src/shared/contract/workspaces';
import { deriveKanbanColumn, type KanbanPlacement } from '../../src/shared/lib/kanban-column';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { startTestCore, type TestCore } from '../helpers/core-harness';

export interface GitHubRig {
  github: FakeGitHub;
  /** The fake's API address (known once the describe block's beforeAll has run). */
  readonly apiUrl: string;
  /** A core pointed at the fake, signed in by the token (unless `signedIn: false`), stopped and removed after the test. */
  core(options?: { dataDir?: string; signedIn?: boolean }): Promise<TestCore>;
}

/**
 * For a describe block: a fake GitHub where `token` signs in as octo and the repository octo/app is there,
 * then what `seed` adds, and per test the cores started against it, stopped (their data removed) after the test. A core its test
 * stopped first keeps its data, for a core started again on the same data dir.
 */
export function useFakeGitHub(token: string, seed?: (github: FakeGitHub) => void): GitHubRig {
  const github = new FakeGitHub();
  let apiUrl = '';
  const cores: TestCore[] = [];
  beforeAll(async () => {
    github.addUser({ login: 'octo', token });
    github.addRepo('octo', 'app');
    seed?.(github);
    apiUrl = await github.listen();
  });
  afterAll(() => github.close());
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop({ removeData: true });
  });
  return {
    github,
    get apiUrl() {
      return apiUrl;
    },
    async core({ dataDir, signedIn = true } = {}) {
      const env = signedIn ? { GH_TOKEN: token } : {};
      const core = await startTestCore({ env, githubApiUrl: apiUrl, ...(dataDir ? { dataDir } : {}) });
      cores.push(core);
      return core;
    },
  };
}

/** The board column a workspace's own facts put it in (no sessions). */
export function workspaceColumn(w: Workspace): KanbanPlacement {
  return deriveKanbanColumn({
    workspaceStatus: w.status,
    sessionStatuses: [],
    prState: w.pr?.state,
    ciState: w.ciState,
    reviewState: w.reviewState,
  });
}
