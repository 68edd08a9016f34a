import { addThread, check } from '../tests/fixtures/fake-github/ratchet';
import { FakeGitHub } from '../tests/fixtures/fake-github/server';

/**
 * The ratchet bench's GitHub: the fake server with `count` open PRs (heads `ff/<i>-task`) in states of every
 * kind, in its own process so the bench's CPU time is the core's alone. Answers `count` with the requests
 * it has served (method, path, status).
 */
const count = Number(process.env.FF_BENCH_PULLS ?? 100);
const github = new FakeGitHub();
github.addUser({ login: 'octo', token: 'tok' });
github.addRepo('octo', 'app');
for (let i = 0; i < count; i++) {
  const pull = github.addPull('octo', 'app', {
    head: `ff/${i}-task`,
    checkRuns: [
      check('test', i % 3 === 0 ? 'failure' : 'success', { summary: 'FAIL test/a.test.ts'.repeat(20) }),
      check('lint', i % 5 === 0 ? 'running' : 'success'),
    ],
    statuses: [{ context: 'deploy', state: 'SUCCESS', targetUrl: null }],
    reviewDecision: i % 2 ? 'APPROVED' : 'CHANGES_REQUESTED',
    mergeable: i % 7 === 0 ? 'CONFLICTING' : 'MERGEABLE',
  });
  for (let t = 0; t < 3; t++)
    addThread(pull, { author: t % 2 ? 'alice' : 'bob', body: `Comment ${t} `.repeat(30) });
}
const url = await github.listen();
process.send?.({ url });
process.on('message', (message) => {
  if (message === 'count')
    process.send?.({ requests: github.requests.map((r) => `${r.method} ${r.path} ${r.status}`) });
  if (message === 'done') void github.close().then(() => process.exit(0));
});
