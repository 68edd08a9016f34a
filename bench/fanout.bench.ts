import { readFileSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { ContractClient } from '../src/shared/contract';
import type { DomainEvent } from '../src/shared/contract/events';
import type { SessionStatus } from '../src/shared/contract/sessions';
import { makeTempDir } from '../tests/helpers/core-harness';
import { spawnFf } from '../tests/helpers/ff-process';
import { EventRecorder, seedWorkspace } from '../tests/helpers/seed-workspace';
// Aliased: biome takes a `use…` call outside a test for a React hook.
import { useFakeAgent as registerFakeAgent, storedLog } from '../tests/integration/sessions-helpers';
import { startSessions } from './agent-sessions';
import { connectClient, type ServerAddress } from './client-process';
import { type ClientFigures, FanoutClient } from './fanout-client';
import { type BenchResult, percentile } from './harness';

/**
 * Live topics fanning out from one core: `ff serve` runs as a child process with 50 fake agents streaming, and
 * three clients, each in its own process with its own WebSocket, follow it: one views a session (board +
 * that session's log), one views only the board, and one views the same session but reads its socket at a
 * tenth of the rate the first receives, so TCP backs up into the core. The viewed session streams fast: to be
 * resynced, the slow client must fall behind by more than the TCP buffers hold (4–6 MB on loopback), the
 * core's send limit and its 1,000-entry feed within the run. The other 49 stream steadily. Two rounds of
 * streaming: without the slow client, then with it; after them the slow client reads at full speed.
 *
 * The figure: bytes/s the board-only client receives ÷ bytes/s the session viewer receives. Extras: the
 * session viewer's p99 chunk latency with the slow client ÷ without it; the slow client's resyncs, at least
 * one (the core queues it while the client lags, and the client meets it behind what TCP already holds, so it
 * is counted through the catch-up too); the core's peak RSS. The bench throws unless the slow client then
 * holds exactly the stored log, entry by entry.
 */

const STEADY_SESSIONS = 49;
/** Seconds of streaming without the slow client; the round with it streams five times as long. */
const ROUND_SECONDS = 6;
const BUSY_DELAY_MS = 2;
const STEADY_DELAY_MS = 100;
const LOREM = 'lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
const BUSY_TEXT = LOREM.repeat(36); // ~2 KB a chunk
const STEADY_TEXT = LOREM.repeat(7); // ~400 B a chunk
const SLOW_FRACTION = 0.1;
const RSS_SAMPLE_MS = 500;
const TURN_TIMEOUT_MS = 120_000;

/** Streams stamped chunks for about a round (`long`: five); a prompt containing `warm` gets a short turn. */
function streamScript(text: string, delayMs: number) {
  const chunks = (seconds: number) => [
    { chunks: { count: Math.ceil((seconds * 1000) / delayMs), text, delayMs, stamp: true } },
  ];
  return {
    turns: [
      { match: 'warm', steps: chunks(2) },
      { match: 'long', steps: chunks(5 * ROUND_SECONDS) },
    ],
    default: chunks(ROUND_SECONDS),
  };
}

/** The core's resident memory, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

function sessionIn(event: DomainEvent, sessionId: string, status: SessionStatus): boolean {
  return (
    event.type === 'session.changed' && event.session.id === sessionId && event.session.status === status
  );
}

/** Prompts every session with `text` and resolves when every one of those turns has ended. */
async function turn(control: ContractClient, board: EventRecorder, sessionIds: string[], text: string) {
  const mark = board.mark();
  await Promise.all(sessionIds.map((sessionId) => control.sessions.prompt({ sessionId, text })));
  await Promise.all(
    sessionIds.map(async (id) => {
      const options = { after: mark, timeoutMs: TURN_TIMEOUT_MS };
      const running = await board.waitFor((e) => sessionIn(e, id, 'RUNNING'), `${id} running`, options);
      const after = board.events.indexOf(running) + 1;
      await board.waitFor((e) => sessionIn(e, id, 'IDLE'), `${id} idle`, { ...options, after });
    }),
  );
}

const rate = (f: ClientFigures) => f.bytes / f.seconds;
const kib = (bytesPerSecond: number) => `${(bytesPerSecond / 1024).toFixed(1)} KiB/s`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

export default async function fanout(): Promise<BenchResult> {
  const dataDir = makeTempDir('ff-bench-fanout-');
  const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
  const clients: FanoutClient[] = [];
  let control: Awaited<ReturnType<typeof connectClient>> | null = null;
  let recorder: EventRecorder | null = null;
  const started = performance.now();
  try {
    const [, printed] = await ff.waitForLine(/running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
    const url = new URL(printed!);
    const server: ServerAddress = { url: url.origin, token: url.searchParams.get('token') ?? '' };
    control = await connectClient(server);
    const api = control.client;
    recorder = await EventRecorder.start(api);

    await api.settings.update({ maxRunningAgents: 100, idleHibernateMs: null });
    await registerFakeAgent({ client: api }, streamScript(BUSY_TEXT, BUSY_DELAY_MS), 'busy');
    await registerFakeAgent({ client: api }, streamScript(STEADY_TEXT, STEADY_DELAY_MS), 'steady');
    const { workspace } = await seedWorkspace(api, { name: 'fanout bench' });
    const [viewed] = await startSessions(api, workspace.id, 'busy', 1);
    const steady = await startSessions(api, workspace.id, 'steady', STEADY_SESSIONS);
    const all = [viewed!, ...steady];
    const setupSeconds = (performance.now() - started) / 1000;

    const [viewer, boardOnly, slow] = await Promise.all([0, 1, 2].map(() => FanoutClient.start(server)));
    clients.push(viewer!, boardOnly!, slow!);
    await viewer!.follow(viewed!);
    await boardOnly!.follow(null);
    // One unmeasured short turn: fresh fake agents compile the SDK on their first prompt.
    await turn(api, recorder, all, 'warm');

    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(ff.child.pid!));
    }, RSS_SAMPLE_MS);
    const round = async (measured: FanoutClient[], prompt: string) => {
      await Promise.all(measured.map((c) => c.measure()));
      await turn(api, recorder!, all, prompt);
      return Promise.all(measured.map((c) => c.measure()));
    };

    const [alone, boardAlone] = await round([viewer!, boardOnly!], 'go');
    // The slow client opens the session at full speed, then reads at a tenth of the viewer's rate.
    const slowRate = rate(alone!) * SLOW_FRACTION;
    await slow!.follow(viewed!);
    await slow!.throttle(slowRate);
    const [shared, boardShared, lagging] = await round([viewer!, boardOnly!, slow!], 'long');
    clearInterval(sampler);

    // What the slow client has not read yet (TCP buffers, the core's send buffer, its feed) it now reads at
    // full speed; a resync the core queued while it lagged reaches it there.
    const stored = await storedLog(api, viewed!);
    const lastSeq = stored.at(-1)?.seq ?? 0;
    const catchUpStart = performance.now();
    await slow!.throttle(null);
    const held = await slow!.catchUp(lastSeq);
    const catchUpMs = performance.now() - catchUpStart;
    const slowResyncs = lagging!.resyncs + (await slow!.measure()).resyncs;
    const mismatch = held.findIndex((entry, i) => !isDeepStrictEqual(entry, stored[i]));
    if (held.length !== stored.length || mismatch !== -1) {
      const at = mismatch === -1 ? Math.min(held.length, stored.length) : mismatch;
      throw new Error(
        `the slow client's log differs from the stored one at entry ${at} (holds ${held.length}, stored ${stored.length})`,
      );
    }

    const sessionBytes = alone!.bytes + shared!.bytes;
    const boardBytes = boardAlone!.bytes + boardShared!.bytes;
    const p99Alone = percentile(alone!.latencies, 99);
    const p99Shared = percentile(shared!.latencies, 99);
    const steadyText = STEADY_TEXT.length / (STEADY_DELAY_MS / 1000);
    return {
      metric: 'board_bytes/session_bytes',
      value: boardBytes / sessionBytes,
      op: '<=',
      limit: 0.05,
      details: [
        `${all.length} fake agents: the viewed one streams ~${BUSY_TEXT.length} B every ${BUSY_DELAY_MS} ms, ${STEADY_SESSIONS} others ~${STEADY_TEXT.length} B every ${STEADY_DELAY_MS} ms (${kib(steadyText)} of text each)`,
        `round 1, no slow client (${alone!.seconds.toFixed(1)} s): session viewer ${kib(rate(alone!))}, board-only ${kib(rate(boardAlone!))}`,
        `round 2, with the slow client (${shared!.seconds.toFixed(1)} s): session viewer ${kib(rate(shared!))}, board-only ${kib(rate(boardShared!))}, slow ${kib(rate(lagging!))} (throttled to ${kib(slowRate)})`,
        `session viewer chunk latency: p50 ${ms(percentile(alone!.latencies, 50))}, p99 ${ms(p99Alone)} alone (${alone!.latencies.length} chunks); p50 ${ms(percentile(shared!.latencies, 50))}, p99 ${ms(p99Shared)} with the slow client (${shared!.latencies.length} chunks)`,
        `slow client: newest text it held up to ${(lagging!.maxLagMs / 1000).toFixed(1)} s old, ${lastSeq - lagging!.seq} of ${lastSeq} entries behind when the agents stopped; then at full speed caught up in ${ms(catchUpMs)} through ${slowResyncs} resyncs (${lagging!.resyncs} while streaming) and holds the ${stored.length} stored entries exactly`,
        `resyncs elsewhere: viewer ${alone!.resyncs + shared!.resyncs}, board-only ${boardAlone!.boardResyncs + boardShared!.boardResyncs}, slow client's board ${lagging!.boardResyncs}`,
        `setup (ff serve, workspace, ${all.length} agents live): ${setupSeconds.toFixed(1)} s; whole run ${((performance.now() - started) / 1000).toFixed(1)} s`,
        `core RSS peak while streaming: ${peakRss.toFixed(0)} MB`,
      ],
      extra: [
        { metric: 'viewer_p99_with_slow/without', value: p99Shared / p99Alone, op: '<=', limit: 2 },
        { metric: 'slow_client_resyncs', value: slowResyncs, op: '>=', limit: 1 },
        { metric: 'core_rss_peak_mb', value: peakRss, op: '<', limit: 400 },
      ],
    };
  } finally {
    recorder?.stop();
    await Promise.all(clients.map((c) => c.stop()));
    control?.socket.close();
    ff.child.kill('SIGTERM');
    await ff.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
