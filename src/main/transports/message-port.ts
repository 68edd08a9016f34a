import { RPCHandler } from '@orpc/server/message-port';
import type { CoreServices } from '../core-services';
import { router } from '../router';

type ServablePort = Parameters<RPCHandler<{ services: CoreServices }>['upgrade']>[0] & { start?: () => void };

/**
 * Serves the router over a message port: Electron's MessagePortMain (desktop) or a worker_threads
 * MessagePort (the in-memory link the integration tests use). Same handler, same codec, same validation.
 */
export function serveOverMessagePort(port: ServablePort, services: CoreServices): void {
  const handler = new RPCHandler(router, {
    interceptors: [
      async ({ next }) => {
        try {
          return await next();
        } catch (error) {
          services.logger.error('RPC handler failed', error);
          throw error;
        }
      },
    ],
  });
  handler.upgrade(port, { context: { services } });
  port.start?.();
}
