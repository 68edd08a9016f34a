import { describe, expect, it } from 'vitest';
import { Admission, type AdmissionTicket, type StartKind } from './admission';

function setUp(running: number, starting = running) {
  const evicted: string[] = [];
  const admission = new Admission({ running: () => running, starting: () => starting }, (forId) => {
    evicted.push(forId);
    return false;
  });
  const admitted: string[] = [];
  const tickets = new Map<string, AdmissionTicket>();
  const positions = new Map<string, number>();
  const ask = (id: string, kind: StartKind): Promise<AdmissionTicket> =>
    admission
      .acquire(id, kind, (p) => positions.set(id, p))
      .then((ticket) => {
        admitted.push(id);
        tickets.set(id, ticket);
        return ticket;
      });
  /** Releases the slot of the last admitted start and lets the next one in. */
  const releaseLast = async () => {
    tickets.get(admitted.at(-1) as string)?.release();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { admission, evicted, admitted, positions, ask, releaseLast };
}

describe('admission', () => {
  it('serves foreground starts, then wakes, then background ones, first come first served within each', async () => {
    const { admitted, positions, ask, releaseLast } = setUp(1);
    await ask('holder', 'foreground');
    void ask('restart', 'background');
    void ask('wake-1', 'wake');
    void ask('prompt', 'foreground');
    void ask('wake-2', 'wake');
    expect(Object.fromEntries(positions)).toEqual({ prompt: 1, 'wake-1': 2, 'wake-2': 3, restart: 4 });
    for (let i = 0; i < 4; i++) await releaseLast();
    expect(admitted).toEqual(['holder', 'prompt', 'wake-1', 'wake-2', 'restart']);
  });

  it('lets a wake take only a free slot, and an urged wake evict and go ahead of other wakes', async () => {
    const { admission, evicted, positions, ask } = setUp(1);
    await ask('idle', 'foreground');
    expect(evicted).toEqual([]);
    void ask('wake-1', 'wake');
    void ask('wake-2', 'wake');
    expect(evicted).toEqual([]);
    expect(positions.get('wake-2')).toBe(2);

    admission.urge('wake-2');
    expect(evicted).toEqual(['wake-2']);
    expect(positions.get('wake-2')).toBe(1);
    expect(positions.get('wake-1')).toBe(2);
    // Urging again (another prompt) changes nothing: it is no longer a wake.
    admission.urge('wake-2');
    expect(evicted).toEqual(['wake-2']);
  });

  it('has a prompt or a restart evict when the running cap is full', async () => {
    const { evicted, ask } = setUp(1);
    await ask('idle', 'foreground');
    void ask('prompt', 'foreground');
    void ask('restart', 'background');
    expect(evicted).toEqual(['prompt', 'restart']);
  });
});
