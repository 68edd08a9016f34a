import type { DomainEvent } from '../src/shared/contract/events';
import { startTestCore } from '../tests/helpers/core-harness';
import { seedWorkspace } from '../tests/helpers/seed-workspace';
import { useFakeAgent as registerFakeAgent } from '../tests/integration/sessions-helpers';
import { chunkText } from './agent-sessions';
import type { BenchResult } from './harness';

/**
 * Many agents started at once: ten fake agents that each burn a fixed CPU time before answering initialize
 * (like the real CLIs), all sent a prompt at once through the core. The first answer among them, divided by
 * one lone agent's first answer in the same run: with staggered starts the first ones are served at near
 * their lone speed instead of after nearly all ten have shared the cores.
 */

const FLEET = 10;
const BURN_MS = 1500;

export default async function fleetStartBench(): Promise<BenchResult> {
  const t = await startTestCore();
  try {
    const workspaceId = (await seedWorkspace(t)).workspace.id;
    const provider = await registerFakeAgent(t, {
      agent: { initBurnMs: BURN_MS },
      default: [{ echo: true }],
    });
    await t.client.settings.update({ maxRunningAgents: FLEET + 1 });

    /** Starts `count` sessions with a prompt at once; resolves with each one's ms to its first answer. */
    const answers = async (count: number): Promise<number[]> => {
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
    };

    await answers(1); // warm-up: Node, the fake agent's modules, the core's paths
    const [lone] = await answers(1);
    const fleet = await answers(FLEET);
    const first = Math.min(...fleet);
    const last = Math.max(...fleet);
    // The same ten with no stagger, for the details: staggering must not make the whole fleet slower.
    const limit = t.core.services.settings.get().maxStartingAgents;
    await t.client.settings.update({ maxStartingAgents: FLEET });
    const unstaggered = await answers(FLEET);
    return {
      metric: 'first_answer/lone_answer',
      value: first / (lone as number),
      op: '<=',
      limit: 2,
      details: [
        `agents burn ${BURN_MS} ms CPU at start; ${FLEET} started at once; starting limit ${limit ?? 'default (one per core)'}`,
        `lone agent first answer ${(lone as number).toFixed(0)} ms`,
        `fleet first answer ${first.toFixed(0)} ms, all ten answered by ${last.toFixed(0)} ms`,
        `fleet answers (ms, in start order): ${fleet.map((v) => v.toFixed(0)).join(' ')}`,
        `all ten started unstaggered: first answer ${Math.min(...unstaggered).toFixed(0)} ms, all answered by ${Math.max(...unstaggered).toFixed(0)} ms`,
      ],
    };
  } finally {
    await t.stop({ removeData: true });
  }
}
