import os from 'node:os';
import { defaultStartingLimit } from '../src/main/sessions/controller/admission';
import type { DomainEvent } from '../src/shared/contract/events';
import { startTestCore, type TestCore } from '../tests/helpers/core-harness';
import { seedWorkspace } from '../tests/helpers/seed-workspace';
import { useFakeAgent as registerFakeAgent } from '../tests/integration/sessions-helpers';
import { chunkText } from './agent-sessions';
import { type BenchResult, median } from './harness';

/**
 * Many agents started at once: ten fake agents that each burn a fixed CPU time before answering initialize
 * (like the real CLIs), all sent a prompt at once through the core. The first answer among them, divided by
 * one lone agent's first answer in the same run: with staggered starts the first ones are served at near
 * their lone speed instead of after nearly all ten have shared the cores. The details compare the time all
 * ten take staggered and started all at once (no starting limit), measured alternately so that a change in
 * the machine's load weighs on both alike.
 */

const FLEET = 10;
const BURN_MS = 1500;
const ROUNDS = 2;

interface Fleet {
  /** ms to each agent's first answer, in start order. */
  answers: number[];
  first: number;
  all: number;
}

export default async function fleetStartBench(): Promise<BenchResult> {
  const t = await startTestCore();
  try {
    const workspaceId = (await seedWorkspace(t)).workspace.id;
    const provider = await registerFakeAgent(t, {
      agent: { initBurnMs: BURN_MS },
      default: [{ echo: true }],
    });
    await t.client.settings.update({ maxRunningAgents: FLEET + 1 });
    const start = (count: number) => answers(t, workspaceId, provider, count);

    await start(1); // warm-up: Node, the fake agent's modules, the core's paths
    const limit = t.core.services.settings.get().maxStartingAgents ?? defaultStartingLimit();
    const lone: number[] = [];
    const staggered: Fleet[] = [];
    const atOnce: Fleet[] = [];
    /** The 1-minute load average as each fleet starts. */
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      lone.push((await start(1))[0] as number);
      await t.client.settings.update({ maxStartingAgents: limit });
      loads.push(os.loadavg()[0] as number);
      staggered.push(fleetOf(await start(FLEET)));
      await t.client.settings.update({ maxStartingAgents: FLEET });
      loads.push(os.loadavg()[0] as number);
      atOnce.push(fleetOf(await start(FLEET)));
    }

    const firstAnswer = median(staggered.map((f) => f.first));
    const staggeredAll = median(staggered.map((f) => f.all));
    const atOnceAll = median(atOnce.map((f) => f.all));
    const ms = (v: number) => v.toFixed(0);
    const cores = os.availableParallelism();
    return {
      metric: 'first_answer/lone_answer',
      value: firstAnswer / median(lone),
      op: '<=',
      limit: 2,
      details: [
        `agents burn ${BURN_MS} ms CPU at start; ${FLEET} started at once; starting limit ${limit} on ${cores} cores; medians of ${ROUNDS} rounds`,
        `lone agent first answer ${ms(median(lone))} ms (${lone.map(ms).join(' ')})`,
        `staggered: first answer ${ms(firstAnswer)} ms, all ten answered by ${ms(staggeredAll)} ms (${staggered.map((f) => ms(f.all)).join(' ')})`,
        `all at once: first answer ${ms(median(atOnce.map((f) => f.first)))} ms, all ten answered by ${ms(atOnceAll)} ms (${atOnce.map((f) => ms(f.all)).join(' ')})`,
        `all ten, staggered / at once: ${(staggeredAll / atOnceAll).toFixed(2)}; ten lone starts' CPU spread over ${cores} cores: ${ms((FLEET * median(lone)) / cores)} ms`,
        `load average as each fleet started: ${loads.map((l) => l.toFixed(1)).join(' ')} (processes outside the fleet take a larger share from ${limit} starting agents than from ${FLEET})`,
        `staggered answers (ms, in start order, last round): ${(staggered.at(-1) as Fleet).answers.map(ms).join(' ')}`,
      ],
    };
  } finally {
    await t.stop({ removeData: true });
  }
}

function fleetOf(answers: number[]): Fleet {
  return { answers, first: Math.min(...answers), all: Math.max(...answers) };
}

/** Starts `count` sessions with a prompt at once; resolves with each one's ms to its first answer. */
async function answers(t: TestCore, workspaceId: string, provider: string, count: number): Promise<number[]> {
  const t0 = performance.now();
  const firstText = new Map<string, number>();
  let ids: string[] = [];
  let settle: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const off = t.core.services.events.on((e: DomainEvent) => {
    if (e.type !== 'session.log' || !chunkText(e.entry) || firstText.has(e.entry.sessionId)) return;
    firstText.set(e.entry.sessionId, performance.now() - t0);
    if (firstText.size === count) settle();
  });
  try {
    ids = await Promise.all(
      Array.from(
        { length: count },
        async (_, i) => (await t.client.sessions.create({ workspaceId, provider, prompt: `hi ${i}` })).id,
      ),
    );
    await all;
    return ids.map((id) => firstText.get(id) as number);
  } finally {
    off();
    await Promise.all(ids.map((sessionId) => t.client.sessions.stop({ sessionId })));
  }
}
