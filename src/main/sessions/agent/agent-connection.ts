import {
  type AgentRequestParamsByMethod,
  type AgentRequestResponsesByMethod,
  type AnyMessage,
  type ClientConnection,
  type ClientRequestHandlersByMethod,
  client,
  methods,
  type SessionNotification,
} from '@agentclientprotocol/sdk';
import type { AgentProcess } from './agent-process';

type ClientRequestMethod = keyof ClientRequestHandlersByMethod;
type AgentMethod = keyof AgentRequestParamsByMethod;

/** What the session answers when the agent calls the client side. */
export type ClientHandlers = {
  onUpdate(notification: SessionNotification): void;
} & { [M in ClientRequestMethod]?: ClientRequestHandlersByMethod[M] };

/**
 * One ACP client connection over an agent process, with a hang watchdog: while a request to the agent is
 * outstanding and we are not the ones waiting (on the user, or on a terminal the agent waits for), the agent
 * must send something within `replyTimeoutMs`.
 */
export class AgentConnection {
  private readonly connection: ClientConnection;
  private outstanding = 0;
  private userWaits = 0;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private received = 0;
  private delivered = 0;
  private reportedDrops = 0;

  constructor(
    process: AgentProcess,
    handlers: ClientHandlers,
    private readonly options: {
      replyTimeoutMs: number;
      onHang(): void;
      /** The stream from the agent failed (e.g. a line over the size limit); the agent may still run. */
      onBroken(reason: string): void;
    },
  ) {
    let app = client({ name: 'factory-factory' }).onNotification(
      methods.client.session.update,
      ({ params }) => {
        this.delivered++;
        handlers.onUpdate(params);
      },
    );
    for (const method of Object.values(CLIENT_REQUESTS)) {
      const handler = handlers[method];
      if (handler) app = app.onRequest(method, handler as never);
    }
    // Counts session/update notifications before the SDK validates them: the SDK drops invalid ones with
    // only a console line, so received − delivered is what was lost. A stream error (a line over the SDK's
    // message size limit) ends the stream while the agent lives on: it is reported as a protocol error.
    const source = process.stream.readable.getReader();
    const counted = new ReadableStream<AnyMessage>({
      pull: async (controller) => {
        let next: Awaited<ReturnType<typeof source.read>>;
        try {
          next = await source.read();
        } catch (error) {
          if (!this.closed) options.onBroken(error instanceof Error ? error.message : String(error));
          controller.error(error);
          return;
        }
        if (next.done) return controller.close();
        if ('method' in next.value && next.value.method === methods.client.session.update) this.received++;
        controller.enqueue(next.value);
      },
      cancel: (reason) => source.cancel(reason),
    });
    this.connection = app.connect({ readable: counted, writable: process.stream.writable });
  }

  /** Invalid session/update notifications dropped since the last call (waits a tick for dispatch to settle). */
  async takeDroppedUpdates(): Promise<number> {
    await new Promise((resolve) => setImmediate(resolve));
    const dropped = Math.max(0, this.received - this.delivered - this.reportedDrops);
    this.reportedDrops += dropped;
    return dropped;
  }

  /** The agent sent bytes: it is alive. */
  activity(): void {
    this.lastActivity = Date.now();
  }

  async request<M extends AgentMethod>(
    method: M,
    params: AgentRequestParamsByMethod[M],
  ): Promise<AgentRequestResponsesByMethod[M]> {
    this.outstanding++;
    this.lastActivity = Date.now();
    this.arm();
    try {
      return (await this.connection.agent.request(
        method,
        params as never,
      )) as AgentRequestResponsesByMethod[M];
    } finally {
      this.outstanding--;
      this.arm();
    }
  }

  notify(method: typeof methods.agent.session.cancel, params: { sessionId: string }): Promise<void> {
    return this.connection.agent.notify(method, params);
  }

  /** Runs `wait` with the watchdog paused: the agent is waiting on us, not the other way round. */
  async whileWeWait<T>(wait: Promise<T>): Promise<T> {
    this.userWaits++;
    this.arm();
    try {
      return await wait;
    } finally {
      this.userWaits--;
      this.lastActivity = Date.now();
      this.arm();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connection.close();
  }

  private arm(): void {
    const watching = !this.closed && this.outstanding > 0 && this.userWaits === 0;
    if (!watching) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      return;
    }
    if (this.timer) return;
    const check = () => {
      this.timer = null;
      if (this.closed || this.outstanding === 0 || this.userWaits > 0) return;
      const idle = Date.now() - this.lastActivity;
      if (idle >= this.options.replyTimeoutMs) this.options.onHang();
      else this.timer = setTimeout(check, this.options.replyTimeoutMs - idle);
    };
    this.timer = setTimeout(check, this.options.replyTimeoutMs - (Date.now() - this.lastActivity));
  }
}

const CLIENT_REQUESTS = {
  permission: methods.client.session.requestPermission,
  read: methods.client.fs.readTextFile,
  write: methods.client.fs.writeTextFile,
  terminalCreate: methods.client.terminal.create,
  terminalOutput: methods.client.terminal.output,
  terminalWait: methods.client.terminal.waitForExit,
  terminalKill: methods.client.terminal.kill,
  terminalRelease: methods.client.terminal.release,
} as const;
