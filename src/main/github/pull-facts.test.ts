import { describe, expect, it } from 'vitest';
import { summarizeCi } from './pull-facts';

const run = (name: string, status: string, conclusion: string | null) => ({
  __typename: 'CheckRun' as const,
  name,
  status,
  conclusion,
  detailsUrl: `https://ci/${name}`,
});
const status = (context: string, state: string) => ({
  __typename: 'StatusContext' as const,
  context,
  state,
  targetUrl: null,
});

describe('summarizeCi', () => {
  it.each([
    ['no checks at all', [], 'NONE', []],
    ['all green', [run('test', 'COMPLETED', 'SUCCESS'), status('lint', 'SUCCESS')], 'PASSING', []],
    [
      'skipped and neutral count as green',
      [run('a', 'COMPLETED', 'SKIPPED'), run('b', 'COMPLETED', 'NEUTRAL')],
      'PASSING',
      [],
    ],
    [
      'a run still going',
      [run('test', 'IN_PROGRESS', null), run('lint', 'COMPLETED', 'SUCCESS')],
      'PENDING',
      [],
    ],
    ['a pending status', [status('deploy', 'PENDING')], 'PENDING', []],
    [
      'a failure wins over pending',
      [run('test', 'COMPLETED', 'FAILURE'), run('e2e', 'QUEUED', null)],
      'FAILING',
      ['test'],
    ],
    [
      'timed out and errored statuses fail',
      [run('slow', 'COMPLETED', 'TIMED_OUT'), status('ci/x', 'ERROR')],
      'FAILING',
      ['slow', 'ci/x'],
    ],
  ] as const)('%s', (_label, contexts, state, failing) => {
    const summary = summarizeCi([...contexts]);
    expect(summary.state).toBe(state);
    expect(summary.failing.map((f) => f.name)).toEqual([...failing]);
  });
});
