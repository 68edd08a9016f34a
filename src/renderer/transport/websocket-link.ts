import { RPCLink } from '@orpc/client/websocket';
import type { OpenedLink } from './opened-link';

/** `ws(s)://<host>/rpc` for the page's own origin; the token cookie rides along automatically. */
export function websocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc`;
}

/** Opens the serve-mode WebSocket; resolves once it is open, rejects if it closes first. */
export function openWebSocketLink(url = websocketUrl(window.location)): Promise<OpenedLink> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const link = new RPCLink({ websocket: socket });
    const closed = new Promise<void>((settle) =>
      socket.addEventListener('close', () => settle(), { once: true }),
    );
    const failEarly = (event: CloseEvent) =>
      reject(
        new Error(event.code === 1008 || event.code === 4401 ? 'Not authorized' : 'Cannot reach the server'),
      );
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
