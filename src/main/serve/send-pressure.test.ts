import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { sendPressure } from './send-pressure';

/** Just what sendPressure reads of a ws socket. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
}

describe('sendPressure', () => {
  it('lets live topics pull while the socket drains and holds them while it is backed up', async () => {
    const ws = new FakeSocket();
    const drained = sendPressure(ws as unknown as WebSocket, 100);
    await drained();
    ws.bufferedAmount = 101;
    let released = false;
    const waiting = drained().then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    ws.bufferedAmount = 0;
    await waiting;
    expect(released).toBe(true);
  });

  it('releases waiters when the socket closes', async () => {
    const ws = new FakeSocket();
    const drained = sendPressure(ws as unknown as WebSocket, 100);
    ws.bufferedAmount = 1_000;
    const waiting = drained();
    ws.readyState = 3;
    ws.emit('close');
    await waiting;
  });
});
