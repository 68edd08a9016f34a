import net from 'node:net';

/** Whether nothing listens on `port` on the loopback interface right now. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/**
 * Picks run ports for workspaces: the first port from `start` that no live workspace holds and that is free
 * on 127.0.0.1 at the moment. Calls are serialized so two creates never get the same port.
 */
export class PortAllocator {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly start = 47_100,
    private readonly end = 48_999,
  ) {}

  allocate(taken: () => Set<number>): Promise<number | null> {
    const next = this.queue.then(async () => {
      const used = taken();
      for (let port = this.start; port <= this.end; port++) {
        if (used.has(port)) continue;
        if (await isPortFree(port)) return port;
      }
      return null;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
