import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY, type RunningGate, startGate } from '../../src/main/proxy/gate';
import { LOCKOUT_MS, LoginLimiter } from '../../src/main/proxy/login-limiter';
import { SESSION_COOKIE, SessionSigner } from '../../src/main/proxy/session-cookie';
import { type RunningServer, startServer } from '../../src/main/serve/server';
import type { ContractClient } from '../../src/shared/contract';
import {
  PROXY_SESSION_TOKEN,
  RPC_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../src/shared/serve-protocol';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { gateRequest, postPassword, sessionCookieFrom } from '../helpers/gate-requests';
import { openSocket } from '../helpers/http';

const PASSWORD = 'correct-horse-battery';
const TUNNEL = 'fake-run-1-quick-words.trycloudflare.com';
const THROUGH_TUNNEL = { Host: TUNNEL, Origin: `https://${TUNNEL}` };
/** The app's WebSocket offer behind the gate: the placeholder, never the server's token. */
const PAGE_PROTOCOLS = [RPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${PROXY_SESSION_TOKEN}`];

describe('ff proxy gate', () => {
  let t: TestCore;
  let server: RunningServer;
  let now = 1_000_000;
  let gate: RunningGate;
  let local: Record<string, string>;

  beforeAll(async () => {
    t = await startTestCore();
    const rendererDir = makeTempDir('ff-renderer-');
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Factory Factory app</title>');
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    const started = await startServer({ services: t.core.services, host: '127.0.0.1', port: 0, rendererDir });
    if (!started.ok) throw new Error(started.error.message);
    server = started.value;
  });

  afterAll(async () => {
    await server.close();
    await t.stop({ removeData: true });
  });

  beforeEach(async () => {
    await gate?.close();
    const clock = () => now;
    gate = await startGate({
      backend: { host: '127.0.0.1', port: server.port, token: server.token },
      private: {
        password: PASSWORD,
        signer: new SessionSigner({
          secretFile: path.join(t.dataDir, 'proxy-secret'),
          password: PASSWORD,
          now: clock,
        }),
        limiter: new LoginLimiter(clock),
      },
      logger: t.core.services.logger,
      now: clock,
    });
    gate.setTunnelHost(TUNNEL);
    local = { Host: `127.0.0.1:${gate.port}` };
  });

  const signIn = async (headers: Record<string, string> = THROUGH_TUNNEL) => {
    const res = await postPassword(gate.port, PASSWORD, headers);
    expect(res.status).toBe(303);
    return sessionCookieFrom(res);
  };
  const wsUrl = () => `ws://127.0.0.1:${gate.port}/rpc`;

  it('serves an accessible sign-in page without the app, and sends page visits there', async () => {
    const page = await gateRequest(gate.port, { path: '/login', headers: THROUGH_TUNNEL });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.body).toContain('autocomplete="current-password"');
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toContain('Factory Factory app');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const visit = await gateRequest(gate.port, {
      path: '/',
      headers: { ...THROUGH_TUNNEL, Accept: 'text/html' },
    });
    expect(visit.status).toBe(303);
    expect(visit.headers.location).toBe('/login');
  });

  it('refuses every route and the WebSocket without a valid cookie', async () => {
    const forged = `${SESSION_COOKIE}=v1.${now + 60_000}.bm9uY2U.${'A'.repeat(43)}`;
    for (const cookie of [undefined, forged, `${SESSION_COOKIE}=garbage`]) {
      const headers = { ...THROUGH_TUNNEL, ...(cookie ? { Cookie: cookie } : {}) };
      for (const route of [
        '/',
        `/?token=${server.token}`,
        '/assets/app.js',
        '/index.html',
        '/rpc',
        '/__ff/account',
        '/anything',
      ]) {
        const res = await gateRequest(gate.port, { path: route, headers });
        expect(res.status, `${route} with ${cookie}`).toBe(401);
        expect(res.body).not.toContain('Factory Factory app');
      }
      for (const route of ['/__ff/sign-out-everywhere', '/__ff/sign-out', '/rpc']) {
        expect((await gateRequest(gate.port, { method: 'POST', path: route, headers })).status).toBe(401);
      }
      expect((await openSocket(wsUrl(), headers, PAGE_PROTOCOLS)).status).toBe(401);
      // Not even with the server's own token: behind --private the cookie is required.
      const withToken = [RPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${server.token}`];
      expect((await openSocket(wsUrl(), headers, withToken)).status).toBe(401);
    }
  });

  it('signs in with the password: a Secure HttpOnly SameSite=Strict cookie opens the app and its WebSocket', async () => {
    const wrong = await postPassword(gate.port, 'not-the-password', THROUGH_TUNNEL);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('Wrong password.');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const res = await postPassword(gate.port, PASSWORD, THROUGH_TUNNEL);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(APP_ENTRY);
    const setCookie = res.headers['set-cookie']![0]!;
    for (const part of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age='])
      expect(setCookie).toContain(part);
    const cookie = sessionCookieFrom(res);
    const headers = { ...THROUGH_TUNNEL, Cookie: cookie };

    const app = await gateRequest(gate.port, { path: APP_ENTRY, headers });
    expect(app.status).toBe(200);
    expect(app.body).toContain('Factory Factory app');
    expect((await gateRequest(gate.port, { path: '/assets/app.js', headers })).body).toContain('console.log');
    // A bookmark of the bare address gets the placeholder token back.
    expect((await gateRequest(gate.port, { path: '/', headers })).headers.location).toBe(APP_ENTRY);
    expect(JSON.stringify(app.headers)).not.toContain(server.token);

    const opened = await openSocket(wsUrl(), headers, PAGE_PROTOCOLS);
    expect(opened.status).toBe(101);
    expect(opened.ws!.protocol).toBe(RPC_SUBPROTOCOL);
    const client: ContractClient = createORPCClient(new RPCLink({ websocket: opened.ws as never }));
    expect((await client.system.info()).version).toBeTruthy();
    opened.ws!.close();
  });

  it('answers a huge sign-in body after reading a few kilobytes, and closes that connection', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const huge = http.request({
        host: '127.0.0.1',
        port: gate.port,
        method: 'POST',
        path: '/login',
        headers: { ...THROUGH_TUNNEL, 'Content-Type': type, 'Content-Length': 64 * 1024 * 1024 },
      });
      huge.on('error', () => {});
      const answered = new Promise<http.IncomingMessage>((resolve) => huge.on('response', resolve));
      // Only the first 8 KB of the announced 64 MB are ever sent: an answer means the gate stopped reading.
      huge.write(`password=${'x'.repeat(8192)}`);
      const res = await answered;
      expect(res.statusCode, type).toBe(413);
      expect(res.headers.connection).toBe('close');
      // The gate hangs up rather than drain the rest.
      const closed = new Promise<void>((resolve) => res.socket.once('close', () => resolve()));
      res.resume();
      await closed;
    }
    // Neither counted as a wrong password.
    expect((await postPassword(gate.port, PASSWORD, THROUGH_TUNNEL)).status).toBe(303);
  });

  it('keeps what it lets through out of shared caches: a copy at the tunnel’s edge would be served without a cookie', async () => {
    const headers = { ...THROUGH_TUNNEL, Cookie: await signIn() };
    const asset = await gateRequest(gate.port, { path: '/assets/app.js', headers });
    expect(asset.status).toBe(200);
    // The browser may keep it (the bundle is immutable); Cloudflare's edge may not.
    expect(asset.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const missing = await gateRequest(gate.port, { path: '/assets/missing.js', headers });
    expect(missing.headers['cache-control']).toMatch(/private|no-store/);
  });

  it('refuses a cookie once it expired', async () => {
    const cookie = await signIn();
    now += 7 * 24 * 60 * 60 * 1000;
    const res = await gateRequest(gate.port, {
      path: '/assets/app.js',
      headers: { ...THROUGH_TUNNEL, Cookie: cookie },
    });
    expect(res.status).toBe(401);
    expect((await openSocket(wsUrl(), { ...THROUGH_TUNNEL, Cookie: cookie }, PAGE_PROTOCOLS)).status).toBe(
      401,
    );
  });

  it('locks a tunnel visitor out after 5 wrong passwords in 10 minutes, for 10 minutes, by their forwarded address', async () => {
    const visitor = { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '203.0.113.7' };
    for (let i = 1; i <= 4; i++) {
      expect((await postPassword(gate.port, `wrong-${i}`, visitor)).status).toBe(401);
      now += 60_000;
    }
    const fifth = await postPassword(gate.port, 'wrong-5', visitor);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain('Too many wrong passwords. Try again in 10 minutes.');
    expect(fifth.headers['retry-after']).toBe(String(LOCKOUT_MS / 1000));
    // Locked: even the right password is refused, without being checked.
    expect((await postPassword(gate.port, PASSWORD, visitor)).status).toBe(429);
    // Another visitor through the same tunnel is not.
    expect(
      (await postPassword(gate.port, PASSWORD, { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '198.51.100.4' }))
        .status,
    ).toBe(303);
    now += LOCKOUT_MS;
    expect((await postPassword(gate.port, PASSWORD, visitor)).status).toBe(303);
  });

  it('checks the lockout when the password arrives, not when its request starts', async () => {
    const visitor = { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '203.0.113.50' };
    // A sign-in whose body is still on its way while five wrong passwords lock the address out.
    const body = new URLSearchParams({ password: PASSWORD }).toString();
    const slow = http.request({
      host: '127.0.0.1',
      port: gate.port,
      method: 'POST',
      path: '/login',
      headers: {
        ...visitor,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': body.length,
      },
    });
    const answered = new Promise<number>((resolve) =>
      slow.on('response', (res) => resolve(res.statusCode ?? 0)),
    );
    slow.write(body.slice(0, 3));
    await new Promise<void>((resolve) =>
      slow.once('socket', (socket) => socket.once('connect', () => resolve())),
    );
    for (let i = 0; i < 5; i++) await postPassword(gate.port, `wrong-${i}`, visitor);
    slow.end(body.slice(3));
    expect(await answered).toBe(429);
    now += LOCKOUT_MS;
  });

  it('trusts the forwarded address only on requests that came through the tunnel', async () => {
    // Local requests claiming ever new addresses are all counted against their real peer, 127.0.0.1.
    for (let i = 1; i <= 5; i++) {
      const res = await postPassword(gate.port, 'wrong', {
        ...local,
        'Cf-Connecting-Ip': `192.0.2.${i}`,
        'X-Forwarded-For': `192.0.2.${i}`,
      });
      expect(res.status).toBe(i < 5 ? 401 : 429);
    }
    expect(
      (await postPassword(gate.port, PASSWORD, { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '192.0.2.1' }))
        .status,
    ).toBe(303);
    // X-Forwarded-For counts when cloudflared sends no Cf-Connecting-Ip: its last entry, the one the tunnel
    // appended; the entries before it are whatever the visitor wrote, new ones each time.
    for (let i = 1; i <= 5; i++)
      await postPassword(gate.port, 'wrong', {
        ...THROUGH_TUNNEL,
        'X-Forwarded-For': `198.51.100.${i}, 192.0.2.99`,
      });
    expect(
      (
        await postPassword(gate.port, PASSWORD, {
          ...THROUGH_TUNNEL,
          'X-Forwarded-For': '10.9.9.9, 192.0.2.99',
        })
      ).status,
    ).toBe(429);
    now += LOCKOUT_MS;
  });

  it('counts an IPv6 visitor by their /64, so rotating addresses inside it does not dodge the lockout', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await postPassword(gate.port, 'wrong', {
        ...THROUGH_TUNNEL,
        'Cf-Connecting-Ip': `2001:db8:1:2::${i.toString(16)}`,
      });
      expect(res.status).toBe(i < 5 ? 401 : 429);
    }
    const sameNetwork = { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '2001:0db8:0001:0002:abcd:ef01:2345:6789' };
    expect((await postPassword(gate.port, PASSWORD, sameNetwork)).status).toBe(429);
    const otherNetwork = { ...THROUGH_TUNNEL, 'Cf-Connecting-Ip': '2001:db8:1:3::1' };
    expect((await postPassword(gate.port, PASSWORD, otherNetwork)).status).toBe(303);
    now += LOCKOUT_MS;
  });

  it('accepts the tunnel’s host only while the tunnel is up, and refuses foreign origins', async () => {
    const cookie = await signIn();
    const headers = { ...THROUGH_TUNNEL, Cookie: cookie };
    gate.setTunnelHost(null);
    expect((await gateRequest(gate.port, { path: '/assets/app.js', headers })).status).toBe(421);
    expect((await openSocket(wsUrl(), headers, PAGE_PROTOCOLS)).status).toBe(401);
    gate.setTunnelHost('fake-run-2-quick-words.trycloudflare.com');
    expect((await gateRequest(gate.port, { path: '/assets/app.js', headers })).status).toBe(421);
    gate.setTunnelHost(TUNNEL);
    expect((await gateRequest(gate.port, { path: '/assets/app.js', headers })).status).toBe(200);
    for (const origin of ['https://evil.example', `http://${TUNNEL}`, 'null']) {
      expect((await openSocket(wsUrl(), { ...headers, Origin: origin }, PAGE_PROTOCOLS)).status).toBe(401);
      const post = await postPassword(gate.port, PASSWORD, { ...THROUGH_TUNNEL, Origin: origin });
      expect(post.status).toBe(403);
    }
    expect(
      (
        await gateRequest(gate.port, {
          path: '/assets/app.js',
          headers: { Host: 'evil.example', Cookie: cookie },
        })
      ).status,
    ).toBe(421);
  });

  it('signing out everywhere voids every session and closes their sockets', async () => {
    const phone = await signIn();
    const laptop = await signIn({ ...local, Origin: `http://127.0.0.1:${gate.port}` });
    const opened = await openSocket(wsUrl(), { ...THROUGH_TUNNEL, Cookie: phone }, PAGE_PROTOCOLS);
    expect(opened.status).toBe(101);
    const closed = new Promise<void>((resolve) => opened.ws!.once('close', () => resolve()));

    const account = await gateRequest(gate.port, {
      path: '/__ff/account',
      headers: { ...THROUGH_TUNNEL, Cookie: laptop },
    });
    expect(account.body).toContain('Sign out everywhere');
    const out = await gateRequest(gate.port, {
      method: 'POST',
      path: '/__ff/sign-out-everywhere',
      headers: { ...local, Origin: `http://127.0.0.1:${gate.port}`, Cookie: laptop },
    });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect(out.headers['set-cookie']![0]).toContain('Max-Age=0');
    await closed;
    for (const cookie of [phone, laptop]) {
      expect(
        (
          await gateRequest(gate.port, {
            path: '/assets/app.js',
            headers: { ...THROUGH_TUNNEL, Cookie: cookie },
          })
        ).status,
      ).toBe(401);
    }
    expect((await openSocket(wsUrl(), { ...THROUGH_TUNNEL, Cookie: phone }, PAGE_PROTOCOLS)).status).toBe(
      401,
    );
    // A new sign-in works with the new secret.
    const again = await signIn();
    expect(
      (
        await gateRequest(gate.port, {
          path: '/assets/app.js',
          headers: { ...THROUGH_TUNNEL, Cookie: again },
        })
      ).status,
    ).toBe(200);
  });

  it('without --private forwards everything, and the server’s token still guards the WebSocket', async () => {
    const open = await startGate({
      backend: { host: '127.0.0.1', port: server.port, token: server.token },
      private: null,
      logger: t.core.services.logger,
      now: () => now,
    });
    try {
      open.setTunnelHost(TUNNEL);
      const url = `ws://127.0.0.1:${open.port}/rpc`;
      expect((await gateRequest(open.port, { path: '/', headers: THROUGH_TUNNEL })).body).toContain(
        'Factory Factory app',
      );
      expect((await gateRequest(open.port, { path: '/login', headers: THROUGH_TUNNEL })).body).toContain(
        'Factory Factory app',
      );
      expect((await openSocket(url, THROUGH_TUNNEL, [RPC_SUBPROTOCOL])).status).toBe(401);
      expect((await openSocket(url, THROUGH_TUNNEL, PAGE_PROTOCOLS)).status).toBe(401);
      const opened = await openSocket(url, THROUGH_TUNNEL, [
        RPC_SUBPROTOCOL,
        `${TOKEN_SUBPROTOCOL_PREFIX}${server.token}`,
      ]);
      expect(opened.status).toBe(101);
      opened.ws!.close();
      open.setTunnelHost(null);
      expect((await gateRequest(open.port, { path: '/', headers: THROUGH_TUNNEL })).status).toBe(421);
    } finally {
      await open.close();
    }
  });
});
