import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FF_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ff.js');

export interface FfProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `pattern` (rejects if the process exits first). */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the real `ff` command line (bin/ff.js) as a child process. */
export function spawnFf(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): FfProcess {
  const child = spawn(process.execPath, [FF_BIN, ...args], {
    cwd,
    env: { ...process.env, FF_DATA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<{
    pattern: RegExp;
    resolve: (m: RegExpMatchArray) => void;
    reject: (e: Error) => void;
  }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const match = out.match(w.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) {
        w.reject(new Error(`ff exited (${code ?? signal}) before printing ${w.pattern}; stderr: ${err}`));
      }
      resolve({ code, signal });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
    exited,
  };
}

/** Runs `ff` to completion. */
export async function runFf(args: string[], env: NodeJS.ProcessEnv = {}) {
  const p = spawnFf(args, env);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}
