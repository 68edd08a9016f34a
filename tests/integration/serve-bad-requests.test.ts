import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/core-harness';
import { type FfProcess, spawnFf } from '../helpers/ff-process';
import { rawExchange, writeThenReset } from '../helpers/http';

/** Malformed requests, sent byte for byte to a real `ff serve` process: each is answered, none kills it. */
describe('ff serve: malformed requests', () => {
  let ff: FfProcess;
  let port: number;
  let host: string;

  beforeAll(async () => {
    ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', makeTempDir()]);
    const [, found] = await ff.waitForLine(/running at http:\/\/127\.0\.0\.1:(\d+)\//);
    port = Number(found);
    host = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    ff.child.kill('SIGTERM');
    await ff.exited;
  });

  const upgrade = (target: string, headers: string) =>
    `GET ${target} HTTP/1.1\r\n${headers}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
    'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

  /** The status line of the answer, after which the server must still be running. */
  async function statusOf(request: string): Promise<string> {
    const answer = await rawExchange(port, request);
    expect(ff.child.exitCode, `ff serve exited; stderr: ${ff.stderr()}`).toBeNull();
    return answer.split('\r\n')[0] ?? '';
  }

  it('ignores a cookie that does not URL-decode', async () => {
    const status = await statusOf(
      `GET / HTTP/1.1\r\nHost: ${host}\r\nCookie: ff_token=%\r\nConnection: close\r\n\r\n`,
    );
    // The page is served (200), or 503 when the renderer is not built; the cookie is not read at all.
    expect(status).toMatch(/^HTTP\/1\.1 (200 OK|503 Service Unavailable)$/);
  });

  it('answers 400 to a request target that is not a URL', async () => {
    const status = await statusOf(`GET http://[::1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('answers 400 to a WebSocket upgrade whose target is not a URL', async () => {
    expect(await statusOf(upgrade('http://[::1', `Host: ${host}\r\n`))).toBe('HTTP/1.1 400 Bad Request');
  });

  it('refuses a WebSocket upgrade with a bad cookie, from this host or a rebinding one', async () => {
    expect(await statusOf(upgrade('/rpc', `Host: ${host}\r\nCookie: ff_token=%\r\n`))).toBe(
      'HTTP/1.1 401 Unauthorized',
    );
    expect(await statusOf(upgrade('/rpc', `Host: evil.example:${port}\r\nCookie: ff_token=%\r\n`))).toBe(
      'HTTP/1.1 401 Unauthorized',
    );
  });

  it('survives clients that reset the connection while their upgrade is refused', async () => {
    // The race (reset read before the 401 is written) is hit within a few tries; 50 makes it certain enough.
    for (let i = 0; i < 50; i++) await writeThenReset(port, upgrade('/rpc', `Host: ${host}\r\n`));
    const status = await statusOf(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(status).toMatch(/^HTTP\/1\.1 \d{3} /);
  });

  it('still serves after all of them', async () => {
    const status = await statusOf(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(status).toMatch(/^HTTP\/1\.1 \d{3} /);
  });
});
