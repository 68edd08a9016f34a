import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { RPCHandler } from '@orpc/server/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { RPC_SUBPROTOCOL } from '../../shared/serve-protocol';
import type { CoreServices } from '../core-services';
import { router } from '../router';
import { allowedHostnames, createRequestGuard, generateToken } from './auth';
import { answerBadRequest, answerUpgrade, requestUrl } from './bad-request';
import { sendPressure } from './send-pressure';
import { serveStatic } from './static-files';
import { checkRpcFrame, MAX_FRAME_BYTES, malformedReply } from './ws-guard';

export interface ServerOptions {
  services: CoreServices;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How many following ports to try when the asked one is taken (not used for port 0). */
  portAttempts?: number;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** Extra host names allowed in Host/Origin (e.g. a tunnel's public name). */
  allowedHosts?: string[];
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string;
  /** Middleware for `--dev` (Vite); gets requests that passed the Host check and are not `/rpc`. */
  devMiddleware?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Set when the asked port was taken and another was used. */
  requestedPortTaken: boolean;
  httpServer: Server;
  close(): Promise<void>;
}

export type StartServerError =
  | { code: 'PORT_UNAVAILABLE'; message: string }
  | { code: 'LISTEN_FAILED'; message: string };

function listen(server: Server, host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      resolve(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(null);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The serve-mode server: static renderer over HTTP behind a Host allow-list, and the contract over WebSocket
 * at `/rpc` behind the Host allow-list, an Origin check and the per-run token. No CORS headers are sent.
 */
export async function startServer(
  options: ServerOptions,
): Promise<{ ok: true; value: RunningServer } | { ok: false; error: StartServerError }> {
  const token = options.token ?? generateToken();
  options.services.logger.addSecret(token);
  let boundPort = 0;
  const guard = createRequestGuard({
    token,
    port: () => boundPort,
    hostnames: allowedHostnames(options.host, options.allowedHosts),
  });
  const rendererBuilt = existsSync(`${options.rendererDir}/index.html`);

  const logger = options.services.logger;

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (!url) {
      logger.warn('Refused an HTTP request with an unparsable target');
      answerBadRequest(res);
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Static files hold no secrets and load without the token (the page carries it to the WebSocket itself);
    // Host is still checked so a rebound name cannot read them.
    const host = guard.checkHost(req);
    if (!host.ok) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Unauthorized: ${host.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (options.devMiddleware) {
      options.devMiddleware(req, res, () => res.writeHead(404).end());
      return;
    }
    if (!rendererBuilt) {
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('The UI is not built yet. Run `npm run build` (or `ff serve --dev`) and reload.\n');
      return;
    }
    serveStatic(options.rendererDir, url.pathname, res).catch((error: unknown) => {
      logger.error('Static file failed', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };

  // No request, however malformed, may take the server down: a throw answers 400 and is logged.
  const server = createServer((req, res) => {
    try {
      handleHttp(req, res);
    } catch (error) {
      logger.warn('HTTP request failed; answered 400', error);
      answerBadRequest(res);
    }
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Select the RPC subprotocol, never the token one: the answer must not echo the token.
    handleProtocols: (offered) => (offered.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false),
  });
  const rpc = new RPCHandler(router);
  const sockets = new Set<WebSocket>();

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req);
    if (!url) {
      logger.warn('Refused a WebSocket upgrade with an unparsable target');
      answerUpgrade(socket, '400 Bad Request', 'Bad request\n');
      return;
    }
    if (url.pathname !== '/rpc') {
      // Vite's HMR socket in --dev mode listens on the same server; anything else is refused.
      if (!options.devMiddleware) socket.destroy();
      return;
    }
    // One check at a time: a later check must not run (and possibly throw) on a request an earlier one refused.
    const checks = [() => guard.checkHost(req), () => guard.checkOrigin(req), () => guard.checkToken(req)];
    for (const check of checks) {
      const decision = check();
      if (!decision.ok) {
        answerUpgrade(socket, '401 Unauthorized', `Unauthorized: ${decision.reason}\n`);
        return;
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => acceptSocket(ws));
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node detaches its own error handler from upgraded sockets; a reset peer must not crash the process.
    socket.on('error', (error) => logger.warn('Upgrade socket error', error.message));
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      logger.warn('WebSocket upgrade failed; answered 400', error);
      answerUpgrade(socket, '400 Bad Request', 'Bad request\n');
    }
  });

  const acceptSocket = (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => logger.warn('WebSocket error', error.message));
    // Frames are screened first; only well-formed ones reach oRPC (its own listener is added below).
    const screened = {
      send: ws.send.bind(ws),
      addEventListener: (type: 'message' | 'close', listener: (event: { data: unknown }) => void) => {
        if (type === 'close') {
          ws.on('close', () => listener({ data: undefined }));
          return;
        }
        ws.on('message', (data, isBinary) => {
          const frame = isBinary ? data : data.toString();
          const check = checkRpcFrame(frame);
          if (!check.ok) {
            ws.send(malformedReply(check));
            return;
          }
          listener({ data: frame });
        });
      },
    };
    void rpc.upgrade(screened as unknown as WebSocket, {
      context: { services: options.services, drained: sendPressure(ws) },
    });
  };

  const attempts = options.port === 0 ? 1 : Math.max(1, options.portAttempts ?? 20);
  let lastError: NodeJS.ErrnoException | null = null;
  for (let i = 0; i < attempts; i++) {
    lastError = await listen(server, options.host, options.port === 0 ? 0 : options.port + i);
    if (!lastError) break;
    if (lastError.code !== 'EADDRINUSE') {
      return {
        ok: false,
        error: { code: 'LISTEN_FAILED', message: `Cannot listen on ${options.host}: ${lastError.message}` },
      };
    }
  }
  if (lastError) {
    const last = options.port + attempts - 1;
    return {
      ok: false,
      error: {
        code: 'PORT_UNAVAILABLE',
        message: `Ports ${options.port}${attempts > 1 ? `–${last}` : ''} on ${options.host} are all in use; pass another --port (0 picks a free one)`,
      },
    };
  }
  boundPort = (server.address() as AddressInfo).port;
  const origin = `http://${formatHost(options.host)}:${boundPort}`;

  let closing: Promise<void> | null = null;
  return {
    ok: true,
    value: {
      url: `${origin}/?token=${token}`,
      origin,
      token,
      port: boundPort,
      requestedPortTaken: options.port !== 0 && boundPort !== options.port,
      httpServer: server,
      close: () => {
        closing ??= new Promise<void>((resolve) => {
          for (const ws of sockets) ws.terminate();
          wss.close();
          server.close(() => resolve());
          server.closeAllConnections();
        });
        return closing;
      },
    },
  };
}
