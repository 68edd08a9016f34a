import { describe, expect, it } from 'vitest';
import { RATCHET_DEFAULTS } from '../../shared/contract/ratchet';
import { err, ok } from '../../shared/lib/result';
import { githubProblem } from '../github/github-problems';
import type { GitHubTransport } from '../github/github-transport';
import { newReviewComments, plan } from './ratchet-attempts';
import { RATCHET_MARKER } from './ratchet-github';
import { type RatchetPull, ratchetQuery, readRatchetPulls } from './ratchet-read';
import { Progress } from './ratchet-repository';

describe('ratchetQuery', () => {
  it('asks for every PR in one query, one aliased repository per line, and leaves out names that could change it', () => {
    const { query, aliases } = ratchetQuery([
      { key: 'w1', owner: 'octo', repo: 'app', number: 1 },
      { key: 'w2', owner: 'octo', repo: 'app', number: 7 },
      { key: 'w3', owner: 'acme', repo: 'api.v2', number: 3 },
      { key: 'evil', owner: 'x") { viewer { login } } #', repo: 'app', number: 4 },
      { key: 'neg', owner: 'octo', repo: 'app', number: -1 },
    ]);
    expect(query).toMatch(
      /^query RatchetPullRequests \{\n {2}r0: repository\(owner: "octo", name: "app"\) \{ p1: pullRequest\(number: 1\) \{ \.\.\.RatchetPull \} p7: /,
    );
    expect(query).toContain('r1: repository(owner: "acme", name: "api.v2") { p3: pullRequest(number: 3)');
    expect(query).not.toContain('viewer');
    expect([...aliases]).toEqual([
      ['w1', 'r0.p1'],
      ['w2', 'r0.p7'],
      ['w3', 'r1.p3'],
    ]);
  });
});

const node = (patch: Record<string, unknown> = {}) => ({
  number: 1,
  url: 'https://github.com/octo/app/pull/1',
  state: 'OPEN',
  isDraft: false,
  headRefName: 'ff/x',
  headRefOid: 'abc',
  baseRefName: 'main',
  mergeable: 'MERGEABLE',
  reviewDecision: null,
  reviewThreads: { nodes: [] },
  commits: {
    nodes: [
      {
        commit: {
          statusCheckRollup: {
            contexts: {
              nodes: [
                {
                  __typename: 'CheckRun',
                  databaseId: 5,
                  name: 'test',
                  status: 'COMPLETED',
                  conclusion: 'FAILURE',
                  detailsUrl: null,
                  summary: 'boom',
                  text: null,
                },
                {
                  __typename: 'StatusContext',
                  context: 'deploy',
                  state: 'PENDING',
                  targetUrl: null,
                  description: 'waiting',
                },
              ],
            },
          },
        },
      },
    ],
  },
  ...patch,
});

const answering = (data: unknown): GitHubTransport => ({
  request: async () => {
    throw new Error('no REST in a read');
  },
  graphql: async <T>() => ok(data as T),
});

describe('readRatchetPulls', () => {
  it('maps checks (ids, failing first wins), leaves out PRs GitHub does not know, and refuses a malformed answer', async () => {
    const targets = [
      { key: 'a', owner: 'octo', repo: 'app', number: 1 },
      { key: 'b', owner: 'octo', repo: 'app', number: 2 },
    ];
    const read = await readRatchetPulls(answering({ r0: { p1: node(), p2: null } }), targets);
    if (!read.ok) throw new Error(read.error.message);
    expect([...read.value.pulls.keys()]).toEqual(['a']);
    expect(read.value.pulls.get('a')).toMatchObject({
      ci: 'FAILING',
      checks: [
        { id: 'check:5', name: 'test', state: 'FAILING', jobId: 5, output: 'boom' },
        { id: 'status:deploy', state: 'PENDING', jobId: null, output: 'waiting' },
      ],
    });
    const bad = await readRatchetPulls(answering({ r0: { p1: node({ mergeable: 'MAYBE' }) } }), targets);
    expect(bad.ok ? null : bad.error.kind).toBe('MALFORMED');
  });
});

describe('readRatchetPulls with a repository the token cannot see', () => {
  it('reads the others on their own and gives the hidden one its problem', async () => {
    const queries: string[] = [];
    const transport: GitHubTransport = {
      request: async () => {
        throw new Error('no REST in a read');
      },
      graphql: async <T>(query: string) => {
        queries.push(query);
        if (query.includes('"hidden"'))
          return err(githubProblem('NOT_FOUND', 'Could not resolve to a Repository'));
        return ok({ r0: { p1: node() } } as T);
      },
    };
    const read = await readRatchetPulls(transport, [
      { key: 'a', owner: 'octo', repo: 'app', number: 1 },
      { key: 'b', owner: 'octo', repo: 'hidden', number: 1 },
    ]);
    if (!read.ok) throw new Error(read.error.message);
    expect(queries).toHaveLength(3);
    expect([...read.value.pulls.keys()]).toEqual(['a']);
    expect(read.value.problems.get('b')?.kind).toBe('NOT_FOUND');
  });
});

describe('plan and review comments', () => {
  const pull: RatchetPull = {
    number: 1,
    url: 'u',
    state: 'OPEN',
    headRef: 'ff/x',
    headSha: 'abc',
    baseRef: 'main',
    mergeable: 'MERGEABLE',
    reviewDecision: 'CHANGES_REQUESTED',
    ci: 'PASSING',
    checks: [],
    threads: [
      {
        id: 'T1',
        resolved: false,
        path: 'a.ts',
        comments: [{ id: 'C1', databaseId: 1, author: 'Alice', body: 'fix', url: 'u1' }],
      },
      {
        id: 'T2',
        resolved: false,
        path: null,
        comments: [{ id: 'C2', databaseId: 2, author: 'octo', body: `done ${RATCHET_MARKER}`, url: 'u2' }],
      },
      {
        id: 'T3',
        resolved: true,
        path: null,
        comments: [{ id: 'C3', databaseId: 3, author: 'alice', body: 'old', url: 'u3' }],
      },
      {
        id: 'T4',
        resolved: false,
        path: null,
        comments: [{ id: 'C4', databaseId: 4, author: 'mallory', body: 'rm -rf', url: 'u4' }],
      },
    ],
  };
  const settings = { ...RATCHET_DEFAULTS, allowedReviewers: ['alice', 'octo'] };

  it("keeps unresolved comments of allowed reviewers (any case), never the app's own or answered ones", () => {
    expect(newReviewComments(pull, settings, 'octo', []).map((t) => t.threadId)).toEqual(['T1']);
    expect(newReviewComments(pull, settings, 'octo', ['C1'])).toEqual([]);
  });

  it('names the snapshot by head and comment ids, and plans nothing the settings turn off', () => {
    const progress = Progress.parse({});
    const s = {
      workspace: null as never,
      pull,
      settings,
      maxAttempts: 3,
      transport: null as never,
      repo: { owner: 'o', repo: 'r' },
      viewer: 'octo',
    };
    expect(plan(s, progress)).toEqual({ kind: 'REVIEW', snapshot: 'review:abc:C1' });
    expect(plan({ ...s, settings: { ...settings, reviewFixes: false } }, progress)).toBeNull();
    const red = {
      ...pull,
      ci: 'FAILING' as const,
      checks: [{ id: 'check:9', name: 't', state: 'FAILING' as const, url: null, jobId: 9, output: '' }],
    };
    expect(plan({ ...s, pull: red }, progress)).toEqual({ kind: 'CI', snapshot: 'ci:abc:check:9' });
    const ready = { ...pull, reviewDecision: 'APPROVED' as const, threads: [] };
    expect(plan({ ...s, pull: ready }, progress)).toBeNull();
    expect(plan({ ...s, pull: ready, settings: { ...settings, autoMerge: true } }, progress)).toEqual({
      kind: 'MERGE',
      snapshot: 'merge:abc',
    });
  });
});
