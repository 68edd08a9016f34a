import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { type RunningServer, startServer } from '../../src/main/serve/server';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { openSocket } from '../helpers/http';

/**
 * Frames oRPC cannot decode must be answered with MALFORMED_MESSAGE (the README's promise), not dropped.
 * Each bad frame is followed by a good ping; the bad frame's answer must arrive before the ping's.
 */
describe('ff serve: frames oRPC cannot decode', () => {
  let t: TestCore;
  let server: RunningServer;
  let ws: WebSocket;

  beforeAll(async () => {
    t = await startTestCore();
    const started = await startServer({
      services: t.core.services,
      host: '127.0.0.1',
      port: 0,
      rendererDir: makeTempDir('ff-renderer-'),
    });
    if (!started.ok) throw new Error(started.error.message);
    server = started.value;
    const opened = await openSocket(`ws://127.0.0.1:${server.port}/rpc`, {
      Authorization: `Bearer ${server.token}`,
    });
    ws = opened.ws!;
  });

  afterAll(async () => {
    ws.close();
    await server.close();
    await t.stop({ removeData: true });
  });

  /** Sends `frame`, then a ping; resolves with the ids answered before the ping's answer, and their codes. */
  function answersBeforePing(frame: unknown): Promise<Map<string, string | undefined>> {
    return new Promise((resolve) => {
      const answered = new Map<string, string | undefined>();
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as {
          i: string;
          p?: { b?: { json?: { code?: string } } };
        };
        if (message.i === 'ping') {
          ws.off('message', onMessage);
          resolve(answered);
          return;
        }
        answered.set(message.i, message.p?.b?.json?.code);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify(frame));
      ws.send(JSON.stringify({ i: 'ping', p: { u: '/system/ping', b: { json: { nonce: 'n' } } } }));
    });
  }

  it.each([
    [
      'a procedure path without its leading slash',
      { i: 'no-slash', p: { u: 'system/ping', b: { json: {} } } },
    ],
    ['a procedure path that is not a URL', { i: 'bad-url', p: { u: 'http://[::1', b: { json: {} } } }],
    ['an event-iterator message without a payload', { i: 'bad-event', t: 3 }],
    [
      'a form-data request without its binary part',
      { i: 'bad-form', p: { u: '/system/ping', h: { 'content-type': 'multipart/form-data; boundary=x' } } },
    ],
  ])('answers %s with MALFORMED_MESSAGE', async (_name, frame) => {
    const answered = await answersBeforePing(frame);
    expect(answered.get(frame.i)).toBe('MALFORMED_MESSAGE');
  });

  it('still routes a full procedure URL', async () => {
    const answered = await answersBeforePing({
      i: 'full',
      p: { u: 'http://orpc/system/ping', b: { json: { nonce: 'x' } } },
    });
    expect(answered.has('full')).toBe(true);
    expect(answered.get('full')).toBeUndefined();
  });
});
