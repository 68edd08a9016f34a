import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { client, methods, ndJsonStream, PROTOCOL_VERSION } from '@agentclientprotocol/sdk';
import { startServer } from '../src/main/serve/server';
import type { ContractClient } from '../src/shared/contract';
import type { SessionLogEntry } from '../src/shared/contract/sessions';
import { applyLogEntry, createTranscript, type Transcript } from '../src/shared/lib/transcript';
import { makeTempDir, startTestCore } from '../tests/helpers/core-harness';
import { seedWorkspace } from '../tests/helpers/seed-workspace';
// Aliased: biome takes a `use…` call outside a test for a React hook.
import { FAKE_AGENT, useFakeAgent as registerFakeAgent } from '../tests/integration/sessions-helpers';
import { chunkText, collectLatencies, startSessions } from './agent-sessions';
import { forkClient, serveClientJobs } from './client-process';
import { type BenchResult, percentile } from './harness';

/**
 * Agent streaming through the core: N fake ACP agents stream text chunks; the figure is the rate at which the
 * renderer-side store (the transcript reducer, src/shared/lib/transcript.ts) applies their text, reached
 * through the real core (SDK client → supervisor → log writer with SQLite persistence → event bus → oRPC over
 * the serve WebSocket), divided by the rate a bare SDK client receives the same streams in the same run. The
 * store and its client run in their own process, as a renderer does (bench/client-process.ts), and send the
 * prompts. Extra figures: p99 chunk→store latency with 20 streaming sessions, and core RSS with 50 idle
 * sessions.
 */

const AGENTS = 4;
const CHUNKS = 3000;
const CHUNK_TEXT = 'lorem ipsum dolor sit amet, ';
const LATENCY_SESSIONS = 20;
const IDLE_SESSIONS = 50;

function streamScript(chunks: number, delayMs = 0, stamp = false) {
  return { default: [{ chunks: { count: chunks, text: CHUNK_TEXT, delayMs, stamp } }] };
}

/**
 * Bare SDK clients (no core) prompting `count` fake agents running `script`: the baseline for both figures.
 * Returns the text bytes per second received and the stamped chunks' send→receive latencies.
 */
async function rawRun(
  count: number,
  script: unknown,
  options: { warmUp?: boolean } = {},
): Promise<{ rate: number; latencies: number[] }> {
  let latencies: number[] = [];
  const agents = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [FAKE_AGENT], {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: {
          ...process.env,
          FAKE_ACP_SCRIPT: JSON.stringify(script),
          FAKE_ACP_STATE_DIR: makeTempDir(),
        },
      });
      let bytes = 0;
      const connection = client({ name: 'bench-raw' })
        .onNotification(methods.client.session.update, ({ params }) => {
          const u = params.update;
          if (u.sessionUpdate !== 'agent_message_chunk' || u.content.type !== 'text') return;
          bytes += u.content.text.length;
          collectLatencies(u.content.text, latencies);
        })
        .connect(
          ndJsonStream(
            Writable.toWeb(child.stdin) as WritableStream<Uint8Array>,
            Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>,
          ),
        );
      await connection.agent.request(methods.agent.initialize, { protocolVersion: PROTOCOL_VERSION });
      const { sessionId } = await connection.agent.request(methods.agent.session.new, {
        cwd: process.cwd(),
        mcpServers: [],
      });
      return { child, connection, sessionId, bytes: () => bytes };
    }),
  );
  const turn = () =>
    Promise.all(
      agents.map((a) =>
        a.connection.agent.request(methods.agent.session.prompt, {
          sessionId: a.sessionId,
          prompt: [{ type: 'text', text: 'go' }],
        }),
      ),
    );
  if (options.warmUp) {
    await turn();
    latencies = [];
  }
  const before = agents.reduce((sum, a) => sum + a.bytes(), 0);
  const t0 = performance.now();
  await turn();
  const seconds = (performance.now() - t0) / 1000;
  const total = agents.reduce((sum, a) => sum + a.bytes(), 0) - before;
  for (const a of agents) {
    a.connection.close();
    a.child.kill('SIGKILL');
  }
  return { rate: total / seconds, latencies };
}

/** Bytes of agent text per second that bare SDK clients receive from AGENTS fake agents. */
async function rawReceiveRate(): Promise<number> {
  return (await rawRun(AGENTS, streamScript(CHUNKS))).rate;
}

interface TurnJob {
  sessionIds: string[];
}

interface TurnResult {
  seconds: number;
  /** Agent text the store applied during the turn. */
  appliedBytes: number;
  /** Stamped chunks' agent→store latencies, in ms. */
  latencies: number[];
}

/**
 * The renderer side (in the client process): one transcript store per session fed by its `events.sessionLog`
 * topic, subscribed when the session is first prompted and kept for the whole run.
 */
function rendererStore(client: ContractClient) {
  const stores = new Map<string, Transcript>();
  const turnEnds = new Map<string, () => void>();
  const followed = new Set<string>();
  let appliedBytes = 0;
  let latencies: number[] = [];
  let resyncs = 0;
  const apply = (entry: SessionLogEntry) => {
    let store = stores.get(entry.sessionId);
    if (!store) {
      store = createTranscript();
      stores.set(entry.sessionId, store);
    }
    applyLogEntry(store, entry);
    const text = chunkText(entry);
    appliedBytes += text.length;
    collectLatencies(text, latencies);
    if (entry.kind === 'status') turnEnds.get(entry.sessionId)?.();
  };
  const follow = async (sessionId: string) => {
    if (followed.has(sessionId)) return;
    followed.add(sessionId);
    const stream = await client.events.sessionLog({ sessionId });
    await stream.next();
    void (async () => {
      try {
        for await (const item of stream) {
          if (item.type === 'entry') apply(item.entry);
          else if (item.type === 'resync') resyncs++;
        }
      } catch {
        // link closed
      }
    })();
  };
  return {
    /** Sends `go` to every session; resolves when the store has applied every turn end. */
    async turn({ sessionIds }: TurnJob): Promise<TurnResult> {
      await Promise.all(sessionIds.map(follow));
      appliedBytes = 0;
      latencies = [];
      const done = sessionIds.map((id) => new Promise<void>((resolve) => turnEnds.set(id, resolve)));
      const t0 = performance.now();
      await Promise.all(sessionIds.map((sessionId) => client.sessions.prompt({ sessionId, text: 'go' })));
      await Promise.all(done);
      // A resync means entries were not applied: the figures would be wrong, so the run fails loudly.
      if (resyncs > 0) throw new Error(`the store fell behind (${resyncs} resyncs)`);
      return { seconds: (performance.now() - t0) / 1000, appliedBytes, latencies };
    },
  };
}

let renderer: ReturnType<typeof rendererStore> | null = null;
serveClientJobs<TurnJob, TurnResult>((client, job) => {
  renderer ??= rendererStore(client);
  return renderer.turn(job);
});

export default async function agentStream(): Promise<BenchResult> {
  // Measured before and after the core run; the higher (less favourable) rate is the baseline.
  const rawBefore = await rawReceiveRate();

  const t = await startTestCore();
  const server = await startServer({
    services: t.core.services,
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.join(t.dataDir, 'no-renderer'),
  });
  if (!server.ok) throw new Error(server.error.message);
  const renderer = await forkClient<TurnJob, TurnResult>(fileURLToPath(import.meta.url), {
    url: server.value.origin,
    token: server.value.token,
  });
  try {
    const { workspace } = await seedWorkspace(t);
    await t.client.settings.update({ maxRunningAgents: 100, idleHibernateMs: null });

    await registerFakeAgent(t, streamScript(CHUNKS), 'stream');
    const streamers = await startSessions(t.client, workspace.id, 'stream', AGENTS);
    const streamed = await renderer.run({ sessionIds: streamers });
    const throughput = streamed.appliedBytes / streamed.seconds;
    await Promise.all(streamers.map((sessionId) => t.client.sessions.stop({ sessionId })));
    const raw = Math.max(rawBefore, await rawReceiveRate());

    await registerFakeAgent(t, streamScript(100, 20, true), 'paced');
    const paced = await startSessions(t.client, workspace.id, 'paced', LATENCY_SESSIONS);
    // One unmeasured turn first: twenty fresh fake agents compiling the SDK and zod on their first prompt
    // saturate both cores for ~150 ms, a cost of the fake agents rather than of the core. The bare-SDK
    // comparison below gets the same warm-up.
    await renderer.run({ sessionIds: paced });
    const { latencies } = await renderer.run({ sessionIds: paced });
    await Promise.all(paced.map((sessionId) => t.client.sessions.stop({ sessionId })));
    const p99 = percentile(latencies, 99);
    // The same 20 paced agents with bare SDK clients: how much of the tail is the machine, not the core.
    const rawLatencies = (await rawRun(LATENCY_SESSIONS, streamScript(100, 20, true), { warmUp: true }))
      .latencies;

    await registerFakeAgent(t, { default: [{ text: 'hello' }] }, 'idle');
    const idle = await startSessions(t.client, workspace.id, 'idle', IDLE_SESSIONS);
    await renderer.run({ sessionIds: idle });
    (globalThis as { gc?: () => void }).gc?.();
    const rssMb = process.memoryUsage().rss / (1024 * 1024);

    return {
      metric: 'store_apply_rate/raw_sdk_rate',
      value: throughput / raw,
      op: '>=',
      limit: 0.5,
      details: [
        `raw SDK receive: ${(raw / 1024).toFixed(0)} KiB/s of text from ${AGENTS} agents × ${CHUNKS} chunks`,
        `through the core to the store (persistence on): ${(throughput / 1024).toFixed(0)} KiB/s`,
        `chunk→store latency with ${LATENCY_SESSIONS} streaming sessions: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${latencies.length} chunks)`,
        `the same ${LATENCY_SESSIONS} agents to bare SDK clients (no core): p50 ${percentile(rawLatencies, 50).toFixed(1)} ms, p99 ${percentile(rawLatencies, 99).toFixed(1)} ms`,
        `core RSS with ${IDLE_SESSIONS} idle sessions (agents live, in their own processes): ${rssMb.toFixed(0)} MB`,
      ],
      extra: [
        { metric: 'p99_chunk_to_store_ms_20_sessions', value: p99, op: '<', limit: 50 },
        { metric: 'core_rss_mb_50_idle_sessions', value: rssMb, op: '<', limit: 300 },
      ],
    };
  } finally {
    await renderer.stop();
    await server.value.close();
    await t.stop({ removeData: true });
  }
}
