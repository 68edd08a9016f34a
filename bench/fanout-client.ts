import type { RawData, WebSocket } from 'ws';
import { followLive } from '../src/renderer/transport/live-stream';
import type { ContractClient } from '../src/shared/contract';
import type { SessionLogItem } from '../src/shared/contract/events';
import type { SessionLogEntry } from '../src/shared/contract/sessions';
import { storedLog } from '../tests/integration/sessions-helpers';
import { chunkText, collectLatencies, epochNow, stampsIn } from './agent-sessions';
import { type ClientProcess, forkClient, type ServerAddress, serveClientJobs } from './client-process';

/**
 * One client of bench/fanout.bench.ts, in its own process with its own WebSocket to `ff serve`: it follows
 * the board, and optionally one session's log the way the renderer does (`followLive`: snapshot, live
 * entries, reload on resync), keeping the whole log it has seen. A throttled client reads its socket no faster
 * than a given rate, so the core's sends back up through TCP as they would to a slow network.
 */

export interface ClientFigures {
  /** WebSocket payload bytes received since the last `measure`. */
  bytes: number;
  seconds: number;
  /** Agent→client latency (ms) of each stamped chunk that arrived live. */
  latencies: number[];
  /** Session log reloads (a resync, or a gap in the sequence). */
  resyncs: number;
  boardResyncs: number;
  /** The largest age (ms) of the newest agent text the client held, sampled every 100 ms while text flowed. */
  maxLagMs: number;
  /** The last seq of the session log the client holds (0 when it follows none). */
  seq: number;
}

type Job =
  | { kind: 'follow'; sessionId: string | null }
  | { kind: 'throttle'; bytesPerSecond: number | null }
  | { kind: 'measure' }
  | { kind: 'catchUp'; lastSeq: number };

type LogEntryItem = Extract<SessionLogItem, { type: 'entry' }>;

const LAG_SAMPLE_MS = 100;
const THROTTLE_TICK_MS = 20;

function payloadBytes(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, b) => sum + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * Reads `socket` at no more than `bytesPerSecond` (a token bucket, refilled every tick, bursting at most a
 * tenth of a second's worth): it pauses the socket while the bucket is empty, so the kernel's buffers fill and
 * the server's sends back up. Returns the function that lifts the limit.
 */
function throttle(socket: WebSocket, bytesPerSecond: number): () => void {
  let allowance = 0;
  let last = performance.now();
  const onMessage = (data: RawData) => {
    allowance -= payloadBytes(data);
    if (allowance < 0 && !socket.isPaused) socket.pause();
  };
  socket.on('message', onMessage);
  const timer = setInterval(() => {
    const now = performance.now();
    allowance = Math.min(allowance + (bytesPerSecond * (now - last)) / 1000, bytesPerSecond / 10);
    last = now;
    if (allowance >= 0 && socket.isPaused) socket.resume();
  }, THROTTLE_TICK_MS);
  return () => {
    clearInterval(timer);
    socket.off('message', onMessage);
    socket.resume();
  };
}

function createClient(client: ContractClient, socket: WebSocket) {
  const live = new AbortController();
  const view: SessionLogEntry[] = [];
  let bytes = 0;
  let since = performance.now();
  let latencies: number[] = [];
  let resyncs = 0;
  let boardResyncs = 0;
  let newestStamp: number | null = null;
  let maxLagMs = 0;
  let unthrottle: (() => void) | null = null;
  let caughtUp: { seq: number; resolve: () => void } | null = null;

  socket.on('message', (data) => {
    bytes += payloadBytes(data);
  });
  const lagSampler = setInterval(() => {
    if (newestStamp !== null) maxLagMs = Math.max(maxLagMs, epochNow() - newestStamp);
  }, LAG_SAMPLE_MS);
  socket.on('close', () => clearInterval(lagSampler));

  const hold = (entry: SessionLogEntry, arrivedLive: boolean) => {
    view.push(entry);
    const text = chunkText(entry);
    newestStamp = stampsIn(text).at(-1) ?? newestStamp;
    if (arrivedLive) collectLatencies(text, latencies);
    if (caughtUp && entry.seq >= caughtUp.seq) caughtUp.resolve();
  };

  const followBoard = async () => {
    const board = await client.events.board(undefined, { signal: live.signal });
    const hello = await board.next();
    if (hello.done || hello.value.type !== 'hello') throw new Error('events.board did not start with hello');
    void (async () => {
      for await (const item of board) if (item.type === 'resync') boardResyncs++;
    })().catch(() => {});
  };

  const followSession = (sessionId: string) =>
    new Promise<void>((ready, failed) => {
      followLive<LogEntryItem>(
        {
          subscribe: (signal) => client.events.sessionLog({ sessionId }, { signal }),
          loadSnapshot: async () => {
            for (const entry of await storedLog(client, sessionId, view.at(-1)?.seq ?? 0)) hold(entry, false);
            return view.at(-1)?.seq ?? 0;
          },
          seqOf: (item) => item.entry.seq,
          apply: (item) => hold(item.entry, true),
          onReady: () => ready(),
          onReload: () => {
            resyncs++;
          },
        },
        live.signal,
      ).catch(failed);
    });

  return {
    async handle(job: Job): Promise<ClientFigures | SessionLogEntry[] | null> {
      switch (job.kind) {
        case 'follow':
          await followBoard();
          if (job.sessionId) await followSession(job.sessionId);
          return null;
        case 'throttle':
          unthrottle?.();
          unthrottle = job.bytesPerSecond ? throttle(socket, job.bytesPerSecond) : null;
          return null;
        case 'measure': {
          const now = performance.now();
          const figures: ClientFigures = {
            bytes,
            seconds: (now - since) / 1000,
            latencies,
            resyncs,
            boardResyncs,
            maxLagMs,
            seq: view.at(-1)?.seq ?? 0,
          };
          bytes = 0;
          since = now;
          latencies = [];
          resyncs = 0;
          boardResyncs = 0;
          maxLagMs = 0;
          newestStamp = null;
          return figures;
        }
        case 'catchUp':
          if ((view.at(-1)?.seq ?? 0) < job.lastSeq) {
            await new Promise<void>((resolve) => {
              caughtUp = { seq: job.lastSeq, resolve };
            });
            caughtUp = null;
          }
          return view;
      }
    },
  };
}

let state: ReturnType<typeof createClient> | null = null;
serveClientJobs<Job, ClientFigures | SessionLogEntry[] | null>((client, job, socket) => {
  state ??= createClient(client, socket);
  return state.handle(job);
});

/** The bench's side of one client process. */
export class FanoutClient {
  private constructor(
    private readonly process: ClientProcess<Job, ClientFigures | SessionLogEntry[] | null>,
  ) {}

  static async start(server: ServerAddress): Promise<FanoutClient> {
    return new FanoutClient(await forkClient(import.meta.filename, server));
  }

  /** Follows the board, and `sessionId`'s log when given; resolves once the session's snapshot is loaded. */
  async follow(sessionId: string | null): Promise<void> {
    await this.process.run({ kind: 'follow', sessionId });
  }

  /** Limits the client's reading to `bytesPerSecond`; null reads at full speed again. */
  async throttle(bytesPerSecond: number | null): Promise<void> {
    await this.process.run({ kind: 'throttle', bytesPerSecond });
  }

  /** The figures since the previous call (or since the client started), and starts counting anew. */
  async measure(): Promise<ClientFigures> {
    return (await this.process.run({ kind: 'measure' })) as ClientFigures;
  }

  /** Resolves with the whole session log the client holds, once it holds `lastSeq`. */
  async catchUp(lastSeq: number): Promise<SessionLogEntry[]> {
    return (await this.process.run({ kind: 'catchUp', lastSeq })) as SessionLogEntry[];
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
