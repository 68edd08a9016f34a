import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xtermHeadless from '@xterm/headless';
import { spawn } from 'node-pty';
import { startServer } from '../src/main/serve/server';
import { readPtyAsBytes } from '../src/main/terminals/pty-bytes';
import type { ContractClient } from '../src/shared/contract';
import { createAckBatcher } from '../src/shared/lib/terminal-ack';
import { startTestCore } from '../tests/helpers/core-harness';
import { seedWorkspace } from '../tests/helpers/seed-workspace';
import { forkClient, serveClientJobs } from './client-process';
import { type BenchResult, median } from './harness';

// @xterm/headless is CommonJS without named-export hints.
const { Terminal } = xtermHeadless;

/**
 * PTY throughput end to end: bytes/s from a PTY through the core (coalescing, replay, flow control) over the
 * serve-mode WebSocket into a headless xterm acknowledging what it has parsed, divided by the bytes/s of
 * reading the same PTY output raw with node-pty, in the same run. The client runs in its own process, as a
 * renderer does. Workload: `cat` of a log-like file with ANSI colours.
 *
 * For context (not part of the budget) each round also times the client's headless xterm parsing the same
 * file straight from memory, in frame-sized writes: the fastest any pipeline ending in that xterm could go.
 */

const ROUNDS = 5;
const FILE_MIB = 24;
const SIZE = { cols: 160, rows: 48 };

type ClientJob =
  /** A fresh terminal in the workspace runs `command`; its output goes through the core to a headless xterm. */
  | { kind: 'pipeline'; workspaceId: string; command: string }
  /** A headless xterm parses `file` from memory: the parse-rate ceiling. */
  | { kind: 'parse'; file: string };

interface ClientResult {
  bytes: number;
  ms: number;
  /** CPU time the process spent (user + system), when measured. */
  cpuMs?: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function writeWorkload(dir: string): string {
  const file = path.join(dir, 'workload.log');
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < FILE_MIB * 1024 * 1024; i++) {
    const line = `2025-05-01T12:${String(i % 60).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')}Z \x1b[32mINFO\x1b[0m [worker-${i % 8}] GET /api/items/${i} \x1b[1m200\x1b[22m ${i % 97}ms — ok ✓\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  writeFileSync(file, lines.join(''));
  return file;
}

/** Raw baseline: node-pty reading the same command's output as bytes, as the core does, and nothing else. */
function rawRate(command: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ClientResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let bytes = 0;
    const pty = spawn('/bin/sh', ['-c', command], { ...SIZE, cwd, env });
    readPtyAsBytes(pty);
    pty.onData((data: Buffer | string) => {
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    });
    pty.onExit(() => resolve({ bytes, ms: performance.now() - started }));
  });
}

/** The renderer's xterm settings that matter to parsing. */
function headlessTerminal() {
  return new Terminal({ ...SIZE, scrollback: 10_000, allowProposedApi: true });
}

function clientJob(client: ContractClient, job: ClientJob): Promise<ClientResult> {
  return job.kind === 'pipeline' ? pipelineRound(client, job) : parseRound(job.file);
}

/** The ceiling: the same bytes written to a headless xterm in 64 KiB pieces (as frames arrive), no PTY, no core. */
async function parseRound(file: string): Promise<ClientResult> {
  const data = readFileSync(file);
  const term = headlessTerminal();
  const started = performance.now();
  for (let at = 0; at < data.length; at += 64 * 1024) term.write(data.subarray(at, at + 64 * 1024));
  await new Promise<void>((resolve) => term.write('', resolve));
  const ms = performance.now() - started;
  term.dispose();
  return { bytes: data.length, ms };
}

/** One round in the client: a fresh terminal running `command`, its output parsed by a headless xterm. */
async function pipelineRound(
  client: ContractClient,
  job: Extract<ClientJob, { kind: 'pipeline' }>,
): Promise<ClientResult> {
  const term = headlessTerminal();
  const created = await client.terminals.create({ workspaceId: job.workspaceId, ...SIZE });
  const frames = await client.terminals.attach({ id: created.id });
  let bytes = 0;
  let started = 0;
  let attachmentId = '';
  // The renderer's acknowledgement policy, so flow control behaves as it does for a user.
  const acks = createAckBatcher((count) => {
    void client.terminals.ack({ id: created.id, attachmentId, bytes: count }).catch(() => {});
  });
  let cpu = process.cpuUsage();
  for await (const frame of frames) {
    if (frame.type === 'snapshot') {
      attachmentId = frame.attachmentId;
      term.write(Buffer.from(frame.base64, 'base64'));
      started = performance.now();
      cpu = process.cpuUsage();
      await client.terminals.input({ id: created.id, data: `${job.command}; exit\r` });
    } else if (frame.type === 'output') {
      bytes += frame.bytes;
      acks.written(frame.bytes);
      term.write(Buffer.from(frame.base64, 'base64'), () => acks.parsed(frame.bytes));
    } else {
      break;
    }
  }
  await new Promise<void>((resolve) => term.write('', resolve));
  const ms = performance.now() - started;
  const clientCpu = cpuMs(cpu);
  await client.terminals.close({ id: created.id });
  term.dispose();
  return { bytes, ms, cpuMs: clientCpu };
}

export default async function ptyBench(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-bench-pty-'));
  const savedHome = process.env.HOME;
  // A login shell reads the machine's profile; an empty HOME keeps that out of both measurements.
  process.env.HOME = path.join(dir, 'home');
  const file = writeWorkload(dir);
  const command = `cat '${file}'`;
  const t = await startTestCore({ dataDir: path.join(dir, 'data') });
  const server = await startServer({
    services: t.core.services,
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.join(dir, 'no-renderer'),
  });
  if (!server.ok) throw new Error(server.error.message);
  try {
    const workspaceId = (await seedWorkspace(t, { name: 'pty bench' })).workspace.id;
    const raw: number[] = [];
    const piped: number[] = [];
    const parsed: number[] = [];
    const details: string[] = [];
    const client = await forkClient<ClientJob, ClientResult>(fileURLToPath(import.meta.url), {
      url: server.value.origin,
      token: server.value.token,
    });
    try {
      // Round 0 warms both sides (JIT, page cache) and is not counted, as any steady-state measurement does.
      for (let round = 0; round <= ROUNDS; round++) {
        const r = await rawRate(command, process.env, dir);
        const coreCpu = process.cpuUsage();
        const p = await client.run({ kind: 'pipeline', workspaceId, command });
        const coreCpuMs = cpuMs(coreCpu);
        const x = await client.run({ kind: 'parse', file });
        if (round === 0) continue;
        raw.push(r.bytes / r.ms / 1000);
        piped.push(p.bytes / p.ms / 1000);
        parsed.push(x.bytes / x.ms / 1000);
        details.push(
          `round ${round}: raw ${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms.toFixed(0)} ms, ` +
            `core→ws→xterm ${(p.bytes / 1e6).toFixed(1)} MB in ${p.ms.toFixed(0)} ms ` +
            `(CPU: core ${coreCpuMs.toFixed(0)} ms, client ${p.cpuMs?.toFixed(0)} ms); ` +
            `xterm alone ${x.ms.toFixed(0)} ms`,
        );
      }
    } finally {
      await client.stop();
    }
    const rawMBs = median(raw);
    const pipedMBs = median(piped);
    const parsedMBs = median(parsed);
    details.push(
      `raw node-pty ${rawMBs.toFixed(1)} MB/s, core→WebSocket→headless xterm ${pipedMBs.toFixed(1)} MB/s`,
      `ceiling: headless xterm alone parses ${parsedMBs.toFixed(1)} MB/s (${(parsedMBs / rawMBs).toFixed(2)} of raw); ` +
        `the pipeline runs at ${(pipedMBs / parsedMBs).toFixed(2)} of it`,
    );
    return { metric: 'ratio', value: pipedMBs / rawMBs, op: '>=', limit: 0.5, details };
  } finally {
    await server.value.close();
    await t.stop();
    process.env.HOME = savedHome;
    rmSync(dir, { recursive: true, force: true });
  }
}

serveClientJobs(clientJob);
