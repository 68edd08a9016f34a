import { RPCLink } from '@orpc/client/message-port';
import type { OpenedLink } from './opened-link';

/**
 * Desktop link: a MessageChannel whose second port goes to preload (which hands it to the main process).
 * Only used when `window.factoryFactory` exists.
 */
export async function openMessagePortLink(): Promise<OpenedLink> {
  const { port1, port2 } = new MessageChannel();
  window.postMessage({ type: 'ff:connect' }, '*', [port2]);
  const link = new RPCLink({ port: port1 });
  port1.start();
  const closed = new Promise<void>((settle) =>
    port1.addEventListener('close', () => settle(), { once: true }),
  );
  return { link, closed, close: () => port1.close() };
}
