import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/serve-protocol';

/** The `ff serve` server the gate forwards to. */
export interface Backend {
  /** Loopback, or the interface the server is bound to. */
  host: string;
  port: number;
  token: string;
}

export interface ForwardOptions {
  backend: Backend;
  /**
   * Private mode: put the server's token on the upgrade (the session cookie was the credential), and keep
   * answers out of shared caches.
   */
  injectToken: boolean;
}

/** Headers the backend must not see from the visitor, or that name the gate rather than the backend. */
const DROPPED = new Set(['host', 'origin', 'cookie', 'sec-websocket-protocol', 'connection', 'upgrade']);

/**
 * The request's headers as the backend expects them: its own Host and Origin (the gate already checked the
 * visitor's), without the gate's session cookie, and, for a private upgrade, the token subprotocol replaced by
 * the server's token.
 */
function forwardedHeaders(
  req: IncomingMessage,
  options: ForwardOptions,
  upgrade: boolean,
): [string, string][] {
  const { host, port } = options.backend;
  const backendHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const headers: [string, string][] = [['Host', backendHost]];
  if (req.headers.origin !== undefined) headers.push(['Origin', `http://${backendHost}`]);
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (!DROPPED.has(name.toLowerCase())) headers.push([name, raw[i + 1]!]);
  }
  if (upgrade) {
    headers.push(['Connection', 'Upgrade'], ['Upgrade', req.headers.upgrade ?? 'websocket']);
    const offered = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const protocols = options.injectToken
      ? [
          ...offered.filter((p) => !p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)),
          `${TOKEN_SUBPROTOCOL_PREFIX}${options.backend.token}`,
        ]
      : offered;
    if (protocols.length) headers.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
  }
  return headers;
}

/** Forwards a plain HTTP request and streams the answer back; a backend that cannot be reached is a 502. */
export function forwardHttp(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): void {
  const upstream = http.request({
    host: options.backend.host,
    port: options.backend.port,
    method: req.method,
    path: req.url,
    headers: forwardedHeaders(req, options, false).flat(),
  });
  upstream.on('response', (answer) => {
    const headers = options.injectToken ? privateCaching(answer.rawHeaders) : answer.rawHeaders;
    res.writeHead(answer.statusCode ?? 502, headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) {
      res
        .writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Factory Factory is not answering.\n');
    } else res.destroy();
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * An answer given for a session cookie may stay in the visitor's own cache, never in a shared one: Cloudflare's
 * edge keeps `public` answers (and static files without Cache-Control) and would hand them to anyone asking
 * the tunnel's URL, cookie or not.
 */
function privateCaching(raw: string[]): string[] {
  const headers: string[] = [];
  let said = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    let value = raw[i + 1]!;
    if (name.toLowerCase() === 'cache-control') {
      said = true;
      value = value.replace(/\bpublic\b/gi, 'private');
      if (!/\b(private|no-store)\b/i.test(value)) value = `private, ${value}`;
    }
    headers.push(name, value);
  }
  if (!said) headers.push('Cache-Control', 'private');
  return headers;
}

/**
 * Forwards a WebSocket upgrade as bytes: the rewritten request head, then both directions piped. The
 * backend's own checks (Host, Origin, token) still run on what arrives.
 */
export function forwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  options: ForwardOptions,
): Duplex {
  const upstream = net.connect({ host: options.backend.host, port: options.backend.port });
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
  for (const [name, value] of forwardedHeaders(req, options, true)) lines.push(`${name}: ${value}`);
  upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length) upstream.write(head);
  upstream.pipe(socket);
  socket.pipe(upstream);
  const end = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', end);
  upstream.on('close', end);
  socket.on('error', end);
  socket.on('close', end);
  return upstream;
}
