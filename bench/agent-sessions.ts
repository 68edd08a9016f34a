import type { ContractClient } from '../src/shared/contract';
import type { SessionLogEntry } from '../src/shared/contract/sessions';

/** Fake-agent sessions as the benches drive them: started through the contract, their text stamped. */

/** Starts `count` sessions of `provider` and resolves when every agent is IDLE. */
export async function startSessions(
  client: ContractClient,
  workspaceId: string,
  provider: string,
  count: number,
): Promise<string[]> {
  const ids = await Promise.all(
    Array.from({ length: count }, async () => (await client.sessions.create({ workspaceId, provider })).id),
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    const sessions = await client.sessions.list({ workspaceId });
    const mine = sessions.filter((s) => ids.includes(s.id));
    if (mine.every((s) => s.status === 'IDLE' && s.process.state === 'live')) return ids;
    const failed = mine.find((s) => s.status === 'ERROR');
    if (failed) throw new Error(`agent failed to start: ${failed.statusReason}`);
    if (Date.now() > deadline) throw new Error('agents did not start in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The agent text an entry carries ('' for anything but an agent message chunk). */
export function chunkText(entry: SessionLogEntry): string {
  const u = entry.payload as { sessionUpdate?: string; content?: { type?: string; text?: string } };
  return entry.kind === 'update' && u.sessionUpdate === 'agent_message_chunk' && u.content?.type === 'text'
    ? (u.content.text ?? '')
    : '';
}

/** Send times (epoch ms) of the chunks stamped `@<epoch ms>;` in `text` (see the fake agent's `stamp`). */
export function stampsIn(text: string): number[] {
  if (!text.includes('@')) return [];
  return Array.from(text.matchAll(/@(\d+\.\d+);/g), (m) => Number(m[1]));
}

export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Adds the send→now latency of each chunk stamped in `text`. */
export function collectLatencies(text: string, into: number[]): void {
  const now = epochNow();
  for (const sent of stampsIn(text)) into.push(now - sent);
}
