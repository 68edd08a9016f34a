import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { isAlive } from '../processes/process-identity';
import { writePrivateFile } from '../secrets/private-file';

/**
 * `<data folder>/serve.json` (mode 0600) says which process serves that data folder, where, and with which
 * token, so `ff proxy` can put a tunnel in front of a running `ff serve` instead of starting a second core on
 * the same database. Written once the server listens, removed when it stops; a record whose process is gone
 * (a crash) is ignored.
 */
const ServeRecord = z.object({
  pid: z.number().int().positive(),
  /** Address to reach it from this machine (loopback for a server bound to every interface). */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  token: z.string().min(1),
});
export type ServeRecord = z.infer<typeof ServeRecord>;

export const serveRecordPath = (dataDir: string) => path.join(dataDir, 'serve.json');

/** Records this process as the data folder's server; returns the function that removes the record. */
export function writeServeRecord(dataDir: string, record: Omit<ServeRecord, 'pid'>): () => void {
  const file = serveRecordPath(dataDir);
  writePrivateFile(file, `${JSON.stringify({ pid: process.pid, ...record })}\n`);
  return () => {
    // Only our own record: another server may have taken over the folder since.
    if (readServeRecord(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

export function readServeRecord(dataDir: string): ServeRecord | null {
  try {
    const parsed = ServeRecord.safeParse(JSON.parse(readFileSync(serveRecordPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The server recorded for `dataDir` if its process is alive and it answers HTTP; null otherwise. */
export async function findRunningServe(dataDir: string): Promise<ServeRecord | null> {
  const record = readServeRecord(dataDir);
  if (!record || record.pid === process.pid || !isAlive(record.pid)) return null;
  return (await answers(record)) ? record : null;
}

function answers(record: ServeRecord): Promise<boolean> {
  return new Promise((resolve) => {
    const host = record.host.includes(':') ? `[${record.host}]` : record.host;
    const req = http.get(
      {
        host: record.host,
        port: record.port,
        path: '/',
        headers: { Host: `${host}:${record.port}` },
        timeout: 3000,
      },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** The address to reach a server bound to `bindHost` from this machine. */
export function reachableHost(bindHost: string): string {
  if (bindHost === '0.0.0.0' || bindHost === 'localhost') return '127.0.0.1';
  if (bindHost === '::' || bindHost === '[::]') return '::1';
  return bindHost.replace(/^\[|\]$/g, '');
}
