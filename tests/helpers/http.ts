import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { WebSocket } from 'ws';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP GET with full control over headers (fetch forbids setting Host). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/**
 * Opens a WebSocket and resolves with it once open, or with the HTTP status that refused the upgrade.
 * `protocols` are offered as subprotocols, as a browser page does (see src/shared/serve-protocol.ts).
 */
export function openSocket(
  url: string,
  headers: Record<string, string> = {},
  protocols: string[] = [],
): Promise<{ ws: WebSocket; status: 101 } | { ws: null; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => resolve({ ws, status: 101 }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ws: null, status: res.statusCode ?? 0 });
      res.resume();
    });
    ws.once('error', (error) => {
      if (ws.readyState !== WebSocket.OPEN) reject(error);
    });
  });
}

/** Opens `ff serve`'s `/rpc` WebSocket from the URL it printed, with the token as a Bearer header. */
export async function openRpcSocket(printedUrl: string): Promise<WebSocket> {
  const url = new URL(printedUrl);
  const opened = await openSocket(`ws://${url.host}/rpc`, {
    Authorization: `Bearer ${url.searchParams.get('token') ?? ''}`,
  });
  if (!opened.ws) throw new Error(`ff serve refused the WebSocket (${opened.status})`);
  return opened.ws;
}

/** The next message on a socket, as text. */
export function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(data.toString())));
}

/**
 * Writes `request` byte for byte on a fresh TCP connection and resolves with everything the server sends
 * until it closes the connection (requests should ask for `Connection: close`).
 */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

/** Writes `request` on a fresh TCP connection and resets it (RST) as soon as the bytes are out. */
export function writeThenReset(port: number, request: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(request, () => {
        socket.resetAndDestroy();
        resolve();
      }),
    );
    socket.on('error', () => resolve());
  });
}

/** A request's body, whole, as text. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A fake's HTTP server on 127.0.0.1 at a free port; `close` ends its open connections too. */
export async function serveLocally(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
