import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/main/serve/server';
import type { ContractClient } from '../../src/shared/contract';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { nextMessage, openSocket, rawGet } from '../helpers/http';

describe('ff serve: token, Host and Origin checks', () => {
  let t: TestCore;
  let server: RunningServer;
  let host: string;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestCore();
    const rendererDir = makeTempDir('ff-renderer-');
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Factory Factory</title>');
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    const started = await startServer({ services: t.core.services, host: '127.0.0.1', port: 0, rendererDir });
    if (!started.ok) throw new Error(started.error.message);
    server = started.value;
    host = `127.0.0.1:${server.port}`;
    cookie = `ff_token=${server.token}`;
  });

  afterAll(async () => {
    await server.close();
    await t.stop({ removeData: true });
  });

  it('prints a URL carrying a long random token', () => {
    expect(server.url).toBe(`http://${host}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('answers 401 without the token', async () => {
    const res = await rawGet(`${server.origin}/`);
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('Factory Factory');
  });

  it('answers 401 to a wrong token', async () => {
    expect((await rawGet(`${server.origin}/?token=nope`)).status).toBe(401);
    expect((await rawGet(`${server.origin}/`, { Cookie: 'ff_token=nope' })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const res = await rawGet(server.url);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`ff_token=${server.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the UI with the cookie, with a CSP and no CORS headers', async () => {
    const res = await rawGet(`${server.origin}/`, { Cookie: cookie, Origin: 'https://evil.example' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Factory Factory');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await rawGet(`${server.origin}/`, { Cookie: cookie, Host: `evil.example:${server.port}` });
    expect(res.status).toBe(401);
    expect(res.body).toContain('Host');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await rawGet(`${server.origin}/..%2f..%2f..%2fetc%2fpasswd`, { Cookie: cookie });
    expect(res.body).not.toContain('root:');
    const asset = await rawGet(`${server.origin}/assets/app.js`, { Cookie: cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('refuses WebSockets without the token, with a foreign Origin, or with a foreign Host', async () => {
    const wsUrl = `ws://${host}/rpc`;
    expect((await openSocket(wsUrl)).status).toBe(401);
    expect((await openSocket(wsUrl, { Cookie: cookie, Origin: 'https://evil.example' })).status).toBe(401);
    expect(
      (await openSocket(wsUrl, { Cookie: cookie, Host: `attacker.example:${server.port}` })).status,
    ).toBe(401);
  });

  it('serves the contract over an authorized WebSocket from the same origin', async () => {
    const opened = await openSocket(`ws://${host}/rpc`, { Cookie: cookie, Origin: server.origin });
    expect(opened.status).toBe(101);
    const ws = opened.ws!;
    const client: ContractClient = createORPCClient(new RPCLink({ websocket: ws }));
    const info = await client.system.info();
    expect(info.shell).toBe('test');
    expect(await client.projects.list()).toEqual([]);
    ws.close();
  });

  it('answers malformed frames with a typed error and keeps the connection usable', async () => {
    const opened = await openSocket(`ws://${host}/rpc?token=${server.token}`);
    const ws = opened.ws!;
    const client: ContractClient = createORPCClient(new RPCLink({ websocket: ws }));

    let reply = nextMessage(ws);
    ws.send('this is not json');
    expect(JSON.parse(await reply)).toMatchObject({
      i: 'ff:malformed',
      p: { s: 400, b: { json: { code: 'MALFORMED_MESSAGE', message: 'Frame is not JSON' } } },
    });

    reply = nextMessage(ws);
    ws.send(JSON.stringify({ i: 'bad-1', p: { nothing: true } }));
    expect(JSON.parse(await reply)).toMatchObject({
      i: 'bad-1',
      p: { s: 400, b: { json: { code: 'MALFORMED_MESSAGE' } } },
    });

    // A well-formed call with invalid input gets oRPC's typed validation error.
    await expect(client.system.ping({ nonce: 123 as unknown as string })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await client.system.ping({ nonce: 'after-garbage' })).toMatchObject({ nonce: 'after-garbage' });
    ws.close();
  });
});
