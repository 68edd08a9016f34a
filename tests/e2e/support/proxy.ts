import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const fakeCloudflaredDir = path.join(root, 'tests/fixtures/fake-cloudflared');

export interface RunningProxy {
  /** The gate's loopback address: what the fake tunnel would forward to, and what the browser opens. */
  gateUrl: string;
  tunnelUrl: string;
  password: string;
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * `ff proxy --private` on the e2e run's data folder, so it attaches to the run's `ff serve`, with the fake
 * cloudflared first on PATH (no network). Resolves once the tunnel is up.
 */
export function startPrivateProxy(dataDir: string, timeoutMs = 60_000): Promise<RunningProxy> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'bin/ff.js'), 'proxy', '--private', '--data-dir', dataDir],
    {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${fakeCloudflaredDir}${path.delimiter}${process.env.PATH}`,
        FAKE_CLOUDFLARED_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-cloudflared-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`ff proxy did not come up.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const gate = /Gate: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      const password = /Password \(shown once\): (\S+)/.exec(stdout)?.[1];
      const tunnelUrl = /Tunnel is up: (https:\/\/\S+)/.exec(stdout)?.[1];
      if (!gate || !password || !tunnelUrl) return;
      clearTimeout(timer);
      resolve({ gateUrl: gate, tunnelUrl, password, stdout: () => stdout, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ff proxy exited (${code ?? signal}) before the tunnel was up.\nstderr: ${stderr}`));
    });
  });
}
