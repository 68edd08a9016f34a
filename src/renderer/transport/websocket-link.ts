import { RPCLink } from '@orpc/client/websocket';
import { RPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '@shared/serve-protocol';
import type { OpenedLink } from './opened-link';

/** `ws(s)://<host>/rpc` for the page's own origin. */
export function websocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc`;
}

/**
 * Opens the serve-mode WebSocket, offering the token as a subprotocol (see serve-protocol.ts); resolves
 * once it is open, rejects if it closes first or there is no token.
 */
export function openWebSocketLink(
  token: string | null,
  url = websocketUrl(window.location),
): Promise<OpenedLink> {
  if (!token) {
    return Promise.reject(new Error('No access token: open the address `ff serve` printed'));
  }
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, [RPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`]);
    const link = new RPCLink({ websocket: socket });
    const closed = new Promise<void>((settle) =>
      socket.addEventListener('close', () => settle(), { once: true }),
    );
    // A refused upgrade (wrong token, e.g. after `ff serve` restarted) looks like any failed connection here.
    const failEarly = () => reject(new Error('Cannot reach the server, or its token changed'));
    socket.addEventListener('close', failEarly, { once: true });
    socket.addEventListener(
      'open',
      () => {
        socket.removeEventListener('close', failEarly);
        resolve({ link, closed, close: () => socket.close() });
      },
      { once: true },
    );
  });
}
