import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/main/processes/process-identity';
import { makeTempDir } from '../helpers/core-harness';
import { type FfProcess, runFf, spawnFf } from '../helpers/ff-process';
import { gateRequest, postPassword, sessionCookieFrom } from '../helpers/gate-requests';
import { openRpcSocket, openSocket, rawGet } from '../helpers/http';

const FAKE_DIR = path.resolve(import.meta.dirname, '../fixtures/fake-cloudflared');

/** Every `ff` a test started, stopped after it (SIGTERM: ff proxy then ends its cloudflared) even when it failed. */
const running: FfProcess[] = [];
afterEach(async () => {
  for (const ff of running.splice(0)) {
    if (ff.child.exitCode === null && ff.child.signalCode === null) ff.child.kill('SIGTERM');
    await ff.exited;
  }
});

/** `ff proxy` with the fake cloudflared first on PATH, recording its runs in a temp folder. */
function spawnProxy(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stateDir = makeTempDir('ff-cloudflared-');
  const ff = spawnFf(['proxy', '--port', '0', ...args], {
    PATH: `${FAKE_DIR}${path.delimiter}${process.env.PATH}`,
    FAKE_CLOUDFLARED_STATE_DIR: stateDir,
    ...env,
  });
  running.push(ff);
  const runs = () =>
    readFileSync(path.join(stateDir, 'runs.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
  return { ff, stateDir, runs };
}

describe('ff proxy', () => {
  it('--private: prints a password once and the tunnel URL with a QR code, then stops cloudflared on SIGTERM', async () => {
    const dataDir = makeTempDir();
    const { ff, stateDir, runs } = spawnProxy(['--private', '--data-dir', dataDir]);
    const [, url] = await ff.waitForLine(/Tunnel is up: (https:\/\/\S+)\n/);
    expect(url).toBe('https://fake-run-1-quick-words.trycloudflare.com');
    const [, password] = await ff.waitForLine(/Password \(shown once\): (\S+)/);
    const [, gatePort] = await ff.waitForLine(/Gate: http:\/\/127\.0\.0\.1:(\d+)/);
    await ff.waitForLine(/must sign in with the password/);
    expect(ff.stdout()).toMatch(/[▄▀█]{10,}/);
    expect(ff.stdout().match(new RegExp(password!, 'g'))).toHaveLength(1);
    expect(runs()[0]!.slice(2)).toEqual([
      'tunnel',
      '--no-autoupdate',
      '--url',
      `http://127.0.0.1:${gatePort}`,
    ]);
    expect(statSync(path.join(dataDir, 'proxy-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'serve.json')).mode & 0o777).toBe(0o600);

    // Through the tunnel (the tunnel's Host on the gate's loopback port), the printed password signs in.
    const tunnel = { Host: new URL(url!).host, Origin: url! };
    const cookie = sessionCookieFrom(await postPassword(Number(gatePort), password!, tunnel));
    expect((await gateRequest(Number(gatePort), { path: '/rpc', headers: tunnel })).status).toBe(401);
    expect(
      (await gateRequest(Number(gatePort), { path: '/login', headers: { ...tunnel, Cookie: cookie } }))
        .status,
    ).toBe(303);
    expect(readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8')).not.toContain(password);

    ff.child.kill('SIGTERM');
    expect((await ff.exited).code).toBe(0);
    expect(ff.stdout()).toContain('Tunnel stopped.');
    expect(readFileSync(path.join(stateDir, 'exited-1'), 'utf8')).toBe('SIGTERM');
    expect(isAlive(Number(runs()[0]![1]))).toBe(false);
    expect(existsSync(path.join(dataDir, 'serve.json'))).toBe(false);
    await expect(rawGet(`http://127.0.0.1:${gatePort}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('without --private prints the URL with the token and warns that it grants access', async () => {
    const { ff } = spawnProxy(['--data-dir', makeTempDir()]);
    const [, url] = await ff.waitForLine(/Tunnel is up: (\S+)\n/);
    expect(url).toMatch(/^https:\/\/fake-run-1-quick-words\.trycloudflare\.com\/\?token=[\w-]{40,}$/);
    await ff.waitForLine(/Warning: this URL alone grants full control of your agents/);
    ff.child.kill('SIGINT');
    expect((await ff.exited).code).toBe(0);
  });

  it('says how to install cloudflared when it is missing, before starting anything', async () => {
    const dataDir = makeTempDir();
    const r = await runFf(['proxy', '--data-dir', dataDir], { PATH: makeTempDir('ff-empty-path-') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cloudflared was not found on PATH');
    expect(r.stderr).toContain('brew install cloudflared');
    expect(r.stderr).toContain('https://github.com/cloudflare/cloudflared/releases');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dataDir, 'data.db'))).toBe(false);

    const given = await runFf(['proxy', '--data-dir', dataDir, '--cloudflared', path.join(dataDir, 'nope')]);
    expect(given.code).toBe(1);
    expect(given.stderr).toContain('is not an executable cloudflared');
  });

  it('restarts cloudflared when it dies, says so, and prints the new URL', async () => {
    const { ff } = spawnProxy(['--private', '--data-dir', makeTempDir()], {
      FAKE_CLOUDFLARED_FAIL_RUNS: '1',
    });
    await ff.waitForLine(/cloudflared exited \(code 1\).*The tunnel is down; restarting in 1 s…/);
    await ff.waitForLine(/Tunnel is up: https:\/\/fake-run-2-quick-words\.trycloudflare\.com/);
    ff.child.kill('SIGTERM');
    expect((await ff.exited).code).toBe(0);
  });

  it('attaches to the ff serve already running on the data folder, with a password from a file', async () => {
    const dataDir = makeTempDir();
    const serve = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    running.push(serve);
    const [, serveUrl] = await serve.waitForLine(/running at (http:\/\/\S+)\n/);
    const passwordFile = path.join(makeTempDir(), 'password');
    writeFileSync(passwordFile, 'my-own-password\n');
    const { ff } = spawnProxy(['--data-dir', dataDir, '--password-file', passwordFile]);
    await ff.waitForLine(/Attaching to the Factory Factory already serving .* \(pid \d+\)/);
    const [, gatePort] = await ff.waitForLine(/Gate: http:\/\/127\.0\.0\.1:(\d+)/);
    const [, url] = await ff.waitForLine(/Tunnel is up: (https:\/\/\S+)\n/);
    expect(ff.stdout()).toContain(`Local: ${serveUrl}`);
    expect(ff.stdout()).not.toContain('Data:');
    expect(ff.stdout()).toContain(`Password: from ${passwordFile}`);

    const tunnel = { Host: new URL(url!).host, Origin: url! };
    expect((await postPassword(Number(gatePort), 'my-own-password\n', tunnel)).status).toBe(401);
    const cookie = sessionCookieFrom(await postPassword(Number(gatePort), 'my-own-password', tunnel));
    const opened = await openSocket(`ws://127.0.0.1:${gatePort}/rpc`, { ...tunnel, Cookie: cookie }, [
      'factory-factory.rpc',
      'factory-factory.token.proxy-session',
    ]);
    expect(opened.status).toBe(101);
    opened.ws!.close();

    // A second server on the same data folder refuses to start, naming the first.
    const second = await runFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is already served by Factory Factory (pid ${serve.child.pid}`);

    ff.child.kill('SIGTERM');
    expect((await ff.exited).code).toBe(0);
    // The attached server keeps running after the proxy stops.
    (await openRpcSocket(serveUrl!)).close();
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });

  it('refuses a password file with a short password', async () => {
    const passwordFile = path.join(makeTempDir(), 'password');
    writeFileSync(passwordFile, 'short\n');
    const r = await runFf(['proxy', '--data-dir', makeTempDir(), '--password-file', passwordFile], {
      PATH: `${FAKE_DIR}${path.delimiter}${process.env.PATH}`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shorter than 8 characters');
  });
});
