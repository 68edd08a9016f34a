import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHub } from '../fixtures/fake-github/server';
import { startServe } from './support/serve';

/**
 * Terminals run the user's login shell, which would read the developer's dotfiles (slow or broken rc files
 * make terminal tests slow or flaky). The server gets a HOME of its own, with just a git identity for commits.
 */
function hermeticHome(dataDir: string): NodeJS.ProcessEnv {
  const home = path.join(dataDir, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    path.join(home, '.gitconfig'),
    '[user]\n\tname = Factory Factory E2E\n\temail = e2e@example.com\n',
  );
  return { HOME: home, SHELL: '/bin/bash' };
}

/**
 * One `ff serve` for the run, on a free port with a temp data dir. Specs read its URL (with token) from
 * FF_E2E_URL. Returns the teardown, which stops the server and removes the data dir.
 */
/**
 * The fake GitHub the server talks to (through FF_GITHUB_API_URL, signed in with GH_TOKEN): user `e2e`, whose
 * repository `octo/e2e` has one assigned open issue and one pull request asking for e2e's review. Specs whose projects have no GitHub origin never call it.
 */
async function startFakeGitHub(
  dataDir: string,
): Promise<{ url: string; env: NodeJS.ProcessEnv; close(): Promise<void> }> {
  const github = new FakeGitHub();
  github.addUser({ login: 'e2e', token: E2E_GITHUB_TOKEN });
  github.addRepo('octo', 'e2e', ['e2e']);
  github.addIssue('octo', 'e2e', {
    title: 'Make the widget blue',
    assignees: ['e2e'],
    labels: ['design'],
    body: 'The widget is red.',
  });
  // PR #2 asks e2e for a review (reviews.spec.ts pushes its head to refs/pull/2/head of its origin).
  const pull = github.addPull('octo', 'e2e', {
    head: 'feature/blue',
    title: 'Paint the widget blue',
    body: 'Blue.',
  });
  github.reviews.request(pull, ['e2e'], { author: 'hubot', diff: { 'widget.txt': [1] } });
  const apiUrl = await github.listen();
  const ghConfig = path.join(dataDir, 'gh-config');
  mkdirSync(ghConfig, { recursive: true });
  // Specs change PRs and CI through the fake's control route (tests/fixtures/fake-github/ratchet.ts).
  process.env.FF_E2E_GITHUB_URL = apiUrl;
  return {
    url: apiUrl,
    env: { FF_GITHUB_API_URL: apiUrl, GH_TOKEN: E2E_GITHUB_TOKEN, GH_CONFIG_DIR: ghConfig },
    close: () => github.close(),
  };
}

const E2E_GITHUB_TOKEN = 'e2e-github-token';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-'));
  const github = await startFakeGitHub(dataDir);
  const serve = await startServe(dataDir, { env: { ...hermeticHome(dataDir), ...github.env } });
  process.env.FF_E2E_URL = serve.url;
  process.env.FF_E2E_ORIGIN = serve.origin;
  process.env.FF_E2E_DATA_DIR = dataDir;
  // Specs drive the fake GitHub through its test-only POST /_fake/... routes (tests/fixtures/fake-github/control.ts).
  process.env.FF_E2E_GITHUB_URL = github.url;
  return async () => {
    await serve.stop();
    await github.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
