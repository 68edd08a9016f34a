import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/main/serve/server';
import type { ContractClient } from '../../src/shared/contract';
import { RPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../src/shared/serve-protocol';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { nextMessage, openSocket, rawGet } from '../helpers/http';

describe('ff serve: token, Host and Origin checks', () => {
  let t: TestCore;
  let server: RunningServer;
  let host: string;
  let bearer: Record<string, string>;
  let offered: string[];

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
    bearer = { Authorization: `Bearer ${server.token}` };
    offered = [RPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${server.token}`];
  });

  afterAll(async () => {
    await server.close();
    await t.stop({ removeData: true });
  });

  it('prints a URL carrying a long random token', () => {
    expect(server.url).toBe(`http://${host}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the UI without the token (it holds no secret), with a CSP and no CORS headers', async () => {
    const res = await rawGet(`${server.origin}/`, { Origin: 'https://evil.example' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Factory Factory');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the printed URL as the page itself, setting no cookie', async () => {
    const res = await rawGet(server.url);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Factory Factory');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await rawGet(`${server.origin}/`, { Host: `evil.example:${server.port}` });
    expect(res.status).toBe(401);
    expect(res.body).toContain('Host');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await rawGet(`${server.origin}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(res.body).not.toContain('root:');
    const asset = await rawGet(`${server.origin}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('refuses WebSockets without the token, with a wrong one, or with it anywhere but a header', async () => {
    const wsUrl = `ws://${host}/rpc`;
    expect((await openSocket(wsUrl)).status).toBe(401);
    expect((await openSocket(wsUrl, {}, [RPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}nope`])).status).toBe(
      401,
    );
    expect((await openSocket(wsUrl, { Authorization: 'Bearer nope' })).status).toBe(401);
    // Cookies reach every port of a host and the URL reaches logs: neither carries the token any more.
    expect((await openSocket(wsUrl, { Cookie: `ff_token=${server.token}` })).status).toBe(401);
    expect((await openSocket(`${wsUrl}?token=${server.token}`)).status).toBe(401);
  });

  it('refuses WebSockets with the token but a foreign Origin or Host', async () => {
    const wsUrl = `ws://${host}/rpc`;
    expect((await openSocket(wsUrl, { Origin: 'https://evil.example' }, offered)).status).toBe(401);
    expect((await openSocket(wsUrl, { ...bearer, Host: `attacker.example:${server.port}` })).status).toBe(
      401,
    );
  });

  it('accepts the token as a subprotocol and answers with the RPC subprotocol, not the token', async () => {
    const opened = await openSocket(`ws://${host}/rpc`, { Origin: server.origin }, offered);
    expect(opened.status).toBe(101);
    expect(opened.ws?.protocol).toBe(RPC_SUBPROTOCOL);
    opened.ws?.close();
  });

  it('serves the contract over an authorized WebSocket from the same origin', async () => {
    const opened = await openSocket(`ws://${host}/rpc`, { ...bearer, Origin: server.origin });
    expect(opened.status).toBe(101);
    const ws = opened.ws!;
    const client: ContractClient = createORPCClient(new RPCLink({ websocket: ws }));
    const info = await client.system.info();
    expect(info.shell).toBe('test');
    expect(await client.projects.list()).toEqual([]);
    ws.close();
  });

  it('answers malformed frames with a typed error and keeps the connection usable', async () => {
    const opened = await openSocket(`ws://${host}/rpc`, bearer);
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
