import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The request target as a URL, or null when it cannot be parsed (`GET http://[::1 HTTP/1.1` makes
 * `new URL` throw). Only the path and query are used; the Host header is checked separately.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** Answers 400 on a plain HTTP response, unless an answer is already under way (then drops the socket). */
export function answerBadRequest(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
    .end('Bad request\n');
}

/** Answers an upgrade request on its raw socket and closes it. */
export function answerUpgrade(socket: Duplex, status: '400 Bad Request' | '401 Unauthorized', body: string) {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
