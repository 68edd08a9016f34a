import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/main/processes/process-identity';
import { CloudflaredTunnel, type TunnelDeps } from '../../src/main/proxy/tunnel';
import { makeTempDir } from '../helpers/core-harness';

const FAKE = path.resolve(import.meta.dirname, '../fixtures/fake-cloudflared/cloudflared');

/** Every tunnel a test made, ended after it even when an assertion failed first. */
const started: CloudflaredTunnel[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.dispose()));
});

/** A tunnel on the fake cloudflared, recording what it says and reports. */
function fakeTunnel(env: NodeJS.ProcessEnv) {
  const stateDir = makeTempDir('ff-cloudflared-');
  const events: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const record = (event: string) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.pattern.test(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const deps: TunnelDeps = {
    command: FAKE,
    targetUrl: 'http://127.0.0.1:4999',
    say: (line) => record(`say ${line}`),
    onUp: (url) => record(`up ${url}`),
    onDown: () => record('down'),
    backoff: { initialMs: 20, maxMs: 1000, stableMs: 60_000 },
    env: { ...process.env, FAKE_CLOUDFLARED_STATE_DIR: stateDir, ...env },
  };
  const tunnel = new CloudflaredTunnel(deps);
  started.push(tunnel);
  const runs = () =>
    existsSync(path.join(stateDir, 'runs.log'))
      ? readFileSync(path.join(stateDir, 'runs.log'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split(' '))
      : [];
  return {
    tunnel,
    events,
    stateDir,
    runs,
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        if (events.some((e) => pattern.test(e))) resolve();
        else waiters.push({ pattern, resolve });
      }),
  };
}

describe('cloudflared tunnel', () => {
  it('runs `cloudflared tunnel --url <gate>`, reads the URL from its log, and ends it on dispose', async () => {
    const t = fakeTunnel({});
    t.tunnel.start();
    await t.waitFor(/^up /);
    expect(t.events).toEqual(['up https://fake-run-1-quick-words.trycloudflare.com']);
    const [run] = t.runs();
    expect(run!.slice(2)).toEqual(['tunnel', '--no-autoupdate', '--url', 'http://127.0.0.1:4999']);
    await t.tunnel.dispose();
    expect(readFileSync(path.join(t.stateDir, 'exited-1'), 'utf8')).toBe('SIGTERM');
    expect(isAlive(Number(run![1]))).toBe(false);
    expect(t.events).toEqual(['up https://fake-run-1-quick-words.trycloudflare.com', 'down']);
  });

  it('restarts cloudflared when it dies, with a growing back-off it says, and reports each new URL', async () => {
    const t = fakeTunnel({ FAKE_CLOUDFLARED_FAIL_RUNS: '2' });
    t.tunnel.start();
    await t.waitFor(/^up .*fake-run-3/);
    expect(t.events).toEqual(
      [
        'up https://fake-run-1-quick-words.trycloudflare.com',
        'down',
        expect.stringMatching(
          /^say cloudflared exited \(code 1\): .*Connection terminated.*\. The tunnel is down; restarting in 20 ms…$/,
        ),
        'say Restarting cloudflared…',
        'up https://fake-run-2-quick-words.trycloudflare.com',
        'down',
        expect.stringMatching(/restarting in 40 ms…$/),
        'say Restarting cloudflared…',
        'up https://fake-run-3-quick-words.trycloudflare.com',
      ].map((e) => (typeof e === 'string' ? e : e)) as string[],
    );
    await t.tunnel.dispose();
    expect(t.runs()).toHaveLength(3);
  });

  it('keeps retrying a cloudflared that cannot get a tunnel, and dispose stops the retries', async () => {
    const t = fakeTunnel({ FAKE_CLOUDFLARED_NO_URL: '1' });
    t.tunnel.start();
    await t.waitFor(/restarting in 40 ms/);
    expect(t.events[0]).toMatch(
      /^say cloudflared exited \(code 1\): .*no such host\. The tunnel is down; restarting in 20 ms…$/,
    );
    expect(t.events.some((e) => e.startsWith('up '))).toBe(false);
    await t.tunnel.dispose();
    const runsAtDispose = t.runs().length;
    const later = fakeTunnel({});
    later.tunnel.start();
    await later.waitFor(/^up /);
    await later.tunnel.dispose();
    // The disposed tunnel started nothing more while another ran a full start.
    expect(t.runs()).toHaveLength(runsAtDispose);
  });
});
