import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '../src/main/events/event-bus';
import { GitHubApi } from '../src/main/github/github-api';
import { createGitHubTransport } from '../src/main/github/github-transport';
import { createMemoryLogger } from '../src/main/logging/logger';
import { RatchetService } from '../src/main/ratchet/ratchet-service';
import { openDatabase } from '../src/main/store/database';
import { projects, workspaces } from '../src/main/store/schema';
import { WorkspacesRepository } from '../src/main/workspaces/workspaces-repository';
import { RATCHET_DEFAULTS } from '../src/shared/contract/ratchet';
import { AppSettings } from '../src/shared/contract/settings';
import { makeTempDir } from '../tests/helpers/core-harness';
import type { BenchResult } from './harness';

const WORKSPACES = 100;

/**
 * One Ratchet cycle over 100 workspaces with open PRs (checks with output, statuses, reviews, three review
 * threads each, some conflicting): requests the fake GitHub (in its own process) counts, and the core's CPU
 * time for the cycle: the batched read, parsing, the derived states and the decisions. Fixes and merges are
 * off, so no agent starts; an action's own requests (a job log, a merge, replies) are per action, not per
 * cycle. Budget: 2 requests per cycle, however many PRs.
 */
export default async function ratchetBench(): Promise<BenchResult> {
  const child = fork(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'ratchet-github-process.ts'),
    [],
    {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, FF_BENCH_PULLS: String(WORKSPACES) },
    },
  );
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  const opened = await openDatabase(path.join(makeTempDir('ff-bench-ratchet-'), 'data.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value.db;
  try {
    const projectId = randomUUID();
    db.insert(projects)
      .values({
        id: projectId,
        name: 'app',
        path: `/bench/${projectId}`,
        defaultBranch: 'main',
        githubOwner: 'octo',
        githubRepo: 'app',
      })
      .run();
    const rows = Array.from({ length: WORKSPACES }, (_, i) =>
      db
        .insert(workspaces)
        .values({
          id: randomUUID(),
          projectId,
          name: `Task ${i}`,
          branch: `ff/${i}-task`,
          baseBranch: 'main',
          worktreePath: `/bench/wt/${i}`,
          status: 'READY',
          prNumber: i + 1,
          prUrl: `https://github.com/octo/app/pull/${i + 1}`,
          prState: 'OPEN',
          ratchetEnabled: true,
        })
        .returning()
        .get(),
    );
    const list = rows.map((r) => WorkspacesRepository.toWorkspace(r));
    const transport = createGitHubTransport({ baseUrl: url, token: 'tok' });
    const settings = AppSettings.parse({
      ratchet: {
        ...RATCHET_DEFAULTS,
        ciFixes: false,
        reviewFixes: false,
        autoMerge: false,
        allowedReviewers: ['alice'],
      },
    });
    const ratchet = new RatchetService({
      db,
      events: new EventBus(),
      logger: createMemoryLogger(),
      github: { signedIn: async () => ({ login: 'octo', transport, api: new GitHubApi(transport) }) },
      settings: () => settings,
      projects: { list: () => [{ id: projectId, github: { owner: 'octo', repo: 'app' } }] as never },
      workspaces: {
        list: () => list,
        get: (id) => list.find((w) => w.id === id) ?? null,
        recordFacts: () => null,
      },
      sessions: {
        list: () => [],
        get: () => null,
        create: () => {
          throw new Error('the bench starts no agent');
        },
        prompt: () => {
          throw new Error('the bench sends no prompt');
        },
        stop: async () => null,
        onEvent: () => () => {},
      },
      git: null as never,
    });
    const cycle = async () => {
      const before = (await ask()).length;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const views = await ratchet.checkNow();
      const used = process.cpuUsage(cpu);
      const requests = (await ask()).slice(before);
      if (views.length !== WORKSPACES || views.some((v) => v.lastCheckAt === null))
        throw new Error('ratchet: not every workspace was checked');
      const states = new Map<string, number>();
      for (const v of views) states.set(v.state, (states.get(v.state) ?? 0) + 1);
      return { requests, cpuMs: (used.user + used.system) / 1000, ms: performance.now() - started, states };
    };
    const ask = async () => {
      const answer = next<{ requests: string[] }>();
      child.send('count');
      return (await answer).requests;
    };
    const first = await cycle();
    const second = await cycle();
    ratchet.dispose();
    return {
      metric: 'requests',
      value: Math.max(first.requests.length, second.requests.length),
      op: '<=',
      limit: 2,
      details: [
        `${WORKSPACES} Ratchet workspaces with open PRs: ${[...first.states].map(([s, n]) => `${s} ${n}`).join(', ')}`,
        `first cycle: ${first.requests.length} request(s) (${first.requests.join(', ')}), core CPU ${first.cpuMs.toFixed(1)} ms, wall ${first.ms.toFixed(0)} ms`,
        `second cycle: ${second.requests.length} request(s), core CPU ${second.cpuMs.toFixed(1)} ms, wall ${second.ms.toFixed(0)} ms`,
        `per-PR reads (pull, checks, statuses, reviews, threads, comments) would be ${WORKSPACES * 6} requests`,
      ],
    };
  } finally {
    opened.value.close();
    child.send('done');
  }
}
