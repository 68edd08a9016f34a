import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface RunningServe {
  /** The printed URL, with `?token=`. */
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const READY_LINE = /Factory Factory is running at (http:\/\/\S+\?token=\S+)/;
const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Starts `ff serve --no-open --port 0 --data-dir <dir>` and resolves with the URL it prints. Rejects with
 * its stderr if it exits first or prints nothing within `startTimeoutMs`.
 */
export function startServe(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {},
): Promise<RunningServe> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/ff.js'), 'serve', '--no-open', '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      env: { ...process.env, ...options.env, FF_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `ff serve printed no URL within ${startTimeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, startTimeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY_LINE.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({ url, origin: new URL(url).origin, child, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ff serve exited (${code ?? signal}) before it was ready.\nstderr: ${stderr}`));
    });
  });
}
