import type { DomainEvent } from '../../src/shared/contract/events';
import type { IterateLoop } from '../../src/shared/contract/iterate';
import type { SessionLogEntry } from '../../src/shared/contract/sessions';
import type { TestCore } from '../helpers/core-harness';
import type { EventRecorder } from '../helpers/seed-workspace';

/** The first state of a loop (stored now, or pushed later) where `predicate` holds. */
export async function loopUntil(
  t: TestCore,
  recorder: EventRecorder,
  loopId: string,
  predicate: (l: IterateLoop) => boolean,
  label: string,
): Promise<IterateLoop> {
  const mark = recorder.mark();
  const stored = (await t.client.iterate.list({ workspaceId: (await loopOf(t, loopId)).workspaceId })).find(
    (l) => l.id === loopId,
  );
  if (stored && predicate(stored)) return stored;
  const event = await recorder.waitFor(
    (e: DomainEvent) => e.type === 'iterate.changed' && e.loop.id === loopId && predicate(e.loop),
    `loop ${label}`,
    { after: mark },
  );
  return (event as Extract<DomainEvent, { type: 'iterate.changed' }>).loop;
}

async function loopOf(t: TestCore, loopId: string): Promise<IterateLoop> {
  const all = await t.client.iterate.list({});
  const running = all.find((l) => l.id === loopId);
  if (running) return running;
  for (const ws of await t.client.workspaces.list({})) {
    const found = (await t.client.iterate.list({ workspaceId: ws.id })).find((l) => l.id === loopId);
    if (found) return found;
  }
  throw new Error(`no loop ${loopId}`);
}

export function promptsOf(entries: SessionLogEntry[]): string[] {
  return entries
    .filter((e) => e.kind === 'prompt')
    .map((e) => (e.payload as { prompt: Array<{ type: string; text?: string }> }).prompt[0]?.text ?? '');
}

export function notesOf(entries: SessionLogEntry[]): string[] {
  return entries.filter((e) => e.kind === 'system').map((e) => (e.payload as { text: string }).text);
}
