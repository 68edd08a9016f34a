import { performance } from 'node:perf_hooks';
import { GitHubApi } from '../src/main/github/github-api';
import { createGitHubTransport } from '../src/main/github/github-transport';
import { readOpenPullFacts } from '../src/main/github/pull-facts';
import { FakeGitHub } from '../tests/fixtures/fake-github/server';
import type { BenchResult } from './harness';

const PULLS = 100;

/**
 * Requests the fake GitHub server counts for one refresh cycle of a project with 100 open pull requests, each
 * with check runs, a commit status, a review decision and review threads: the assigned issues (REST, with its
 * ETag) and every PR's facts (one batched GraphQL read). Budget: 2 requests per cycle, however many PRs.
 */
export default async function githubPollBench(): Promise<BenchResult> {
  const github = new FakeGitHub();
  github.addUser({ login: 'octo', token: 'tok' });
  github.addRepo('octo', 'app');
  for (let i = 0; i < 20; i++) github.addIssue('octo', 'app', { title: `Issue ${i}`, assignees: ['octo'] });
  for (let i = 0; i < PULLS; i++) {
    github.addPull('octo', 'app', {
      head: `ff/${i}-task`,
      checkRuns: [
        { name: 'test', status: 'COMPLETED', conclusion: i % 3 ? 'SUCCESS' : 'FAILURE', detailsUrl: null },
        { name: 'lint', status: i % 5 ? 'COMPLETED' : 'IN_PROGRESS', conclusion: null, detailsUrl: null },
      ],
      statuses: [{ context: 'deploy', state: 'SUCCESS', targetUrl: null }],
      reviewDecision: i % 2 ? 'APPROVED' : 'CHANGES_REQUESTED',
      threads: [{ isResolved: i % 2 === 0 }],
    });
  }
  const baseUrl = await github.listen();
  try {
    const transport = createGitHubTransport({ baseUrl, token: 'tok' });
    const api = new GitHubApi(transport);
    const ref = { owner: 'octo', repo: 'app' };
    const cycle = async () => {
      const before = github.requests.length;
      const started = performance.now();
      const [issues, pulls] = await Promise.all([
        api.assignedIssues(ref, 'octo'),
        readOpenPullFacts(transport, ref),
      ]);
      if (!issues.ok || !pulls.ok) throw new Error('github-poll: a refresh failed');
      if (pulls.value.length !== PULLS)
        throw new Error(`github-poll: read ${pulls.value.length} of ${PULLS} PRs`);
      return {
        requests: github.requests.length - before,
        ms: performance.now() - started,
        failing: pulls.value.filter((p) => p.ci.state === 'FAILING').length,
        statuses: github.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`),
      };
    };
    const first = await cycle();
    const second = await cycle();
    return {
      metric: 'requests',
      value: Math.max(first.requests, second.requests),
      op: '<=',
      limit: 2,
      details: [
        `${PULLS} open PRs (${first.failing} failing CI), 20 assigned issues`,
        `first cycle: ${first.requests} requests (${first.statuses.join(', ')}), ${first.ms.toFixed(0)} ms`,
        `second cycle: ${second.requests} requests (${second.statuses.join(', ')}), ${second.ms.toFixed(0)} ms`,
        `per-PR REST reads (pull, check runs, statuses, reviews, threads) would be ${PULLS * 5 + 1} requests`,
      ],
    };
  } finally {
    await github.close();
  }
}
