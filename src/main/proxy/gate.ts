import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PROXY_SESSION_TOKEN } from '../../shared/serve-protocol';
import type { Logger } from '../logging/logger';
import { answerBadRequest, answerUpgrade, requestUrl } from '../serve/bad-request';
import { type Backend, forwardHttp, forwardUpgrade } from './forward';
import { clientAddress, type GateHosts, hostAllowed, originAllowed } from './gate-hosts';
import type { LoginLimiter } from './login-limiter';
import {
  ACCOUNT_PATH,
  accountPage,
  PAGE_CONTENT_SECURITY_POLICY,
  SIGN_IN_PATH,
  SIGN_OUT_EVERYWHERE_PATH,
  SIGN_OUT_PATH,
  signInPage,
} from './pages';
import { passwordMatches } from './password';
import { readSessionCookie, type SessionSigner, sessionCookieHeader } from './session-cookie';

/** What `--private` adds: the password, the session signer and the per-address sign-in limiter. */
export interface PrivateAccess {
  password: string;
  signer: SessionSigner;
  limiter: LoginLimiter;
}

export interface GateDeps {
  backend: Backend;
  /** Null without `--private`: the server's token alone guards the app. */
  private: PrivateAccess | null;
  logger: Logger;
  now: () => number;
}

export interface RunningGate {
  port: number;
  /** The tunnel's public host name while it is up, null while it is down: Host/Origin accept it only then. */
  setTunnelHost(host: string | null): void;
  close(): Promise<void>;
}

/** Where a signed-in page lands: the app, told that the cookie is its credential (see serve-protocol.ts). */
export const APP_ENTRY = `/?token=${PROXY_SESSION_TOKEN}`;
const MAX_FORM_BYTES = 4096;

/**
 * The front door `ff proxy` puts between cloudflared and the server: a loopback HTTP server that checks Host
 * and Origin (the tunnel's name only while the tunnel is up), and in private mode serves the sign-in page and
 * refuses every other request and WebSocket without a valid session cookie. What passes is forwarded to the
 * server with the server's own Host and Origin.
 */
export async function startGate(deps: GateDeps): Promise<RunningGate> {
  let port = 0;
  let tunnelHost: string | null = null;
  const hosts: GateHosts = { port: () => port, tunnelHost: () => tunnelHost };
  const access = deps.private;
  const forward = { backend: deps.backend, injectToken: access !== null };
  const upgraded = new Set<Duplex>();

  const session = (req: IncomingMessage) => access?.signer.check(readSessionCookie(req.headers.cookie));

  const sendPage = (
    res: ServerResponse,
    status: number,
    html: string,
    headers: Record<string, string> = {},
  ) => {
    res
      .writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
        // Not no-referrer: under it, browsers send `Origin: null` with the page's form posts.
        'Referrer-Policy': 'same-origin',
        ...headers,
      })
      .end(html);
  };
  const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}) =>
    res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...headers }).end();

  const signIn = async (req: IncomingMessage, res: ServerResponse, private_: PrivateAccess) => {
    const address = clientAddress(hosts, req);
    const locked = (retryAfterMs: number) => {
      const minutes = Math.ceil(retryAfterMs / 60_000);
      sendPage(
        res,
        429,
        signInPage(`Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`),
        {
          'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
        },
      );
    };
    const read = await readForm(req);
    if (!read.ok) {
      // The rest of the body is never read: the connection closes after this answer.
      const why = read.status === 413 ? 'The form is too large.' : 'The form could not be read. Try again.';
      return sendPage(res, read.status, signInPage(why), { Connection: 'close' });
    }
    // Checked after the body arrived and right before the comparison (no await between them), so attempts
    // sent in parallel cannot all pass the check before the first failures are counted.
    const gate = private_.limiter.check(address);
    if (!gate.ok) return locked(gate.retryAfterMs);
    if (!passwordMatches(read.form.get('password') ?? '', private_.password)) {
      deps.logger.warn(`Wrong proxy password from ${address}`);
      const after = private_.limiter.fail(address);
      if (!after.ok) return locked(after.retryAfterMs);
      return sendPage(res, 401, signInPage('Wrong password.'));
    }
    private_.limiter.succeed(address);
    deps.logger.info(`Signed in through the proxy from ${address}`);
    redirect(res, APP_ENTRY, { 'Set-Cookie': sessionCookieHeader(private_.signer.issue(), deps.now()) });
  };

  /** Private mode's own routes and the cookie check; true when the request was answered here. */
  const handlePrivate = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    private_: PrivateAccess,
  ) => {
    const post = req.method === 'POST';
    if (post && !originAllowed(hosts, req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden: foreign Origin\n');
      return true;
    }
    const signedIn = session(req);
    if (url.pathname === SIGN_IN_PATH) {
      if (post) await signIn(req, res, private_);
      else if (signedIn?.ok) redirect(res, APP_ENTRY);
      else sendPage(res, 200, signInPage());
      return true;
    }
    if (!signedIn?.ok) {
      const navigation = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
      if (navigation) redirect(res, SIGN_IN_PATH);
      else
        res
          .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Unauthorized: sign in first\n');
      return true;
    }
    if (url.pathname === ACCOUNT_PATH && req.method === 'GET') {
      sendPage(res, 200, accountPage(signedIn.expiresAt));
      return true;
    }
    if (post && (url.pathname === SIGN_OUT_PATH || url.pathname === SIGN_OUT_EVERYWHERE_PATH)) {
      if (url.pathname === SIGN_OUT_EVERYWHERE_PATH) {
        private_.signer.rotate();
        for (const socket of upgraded) socket.destroy();
        deps.logger.info('Proxy sessions signed out everywhere (secret rotated)');
      }
      redirect(res, SIGN_IN_PATH, { 'Set-Cookie': sessionCookieHeader(null, deps.now()) });
      return true;
    }
    // The app's page opened without the token (a bookmark, a new tab): give it the session's placeholder.
    if (url.pathname === '/' && !url.searchParams.has('token') && req.method === 'GET') {
      redirect(res, APP_ENTRY);
      return true;
    }
    return false;
  };

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (!url) return answerBadRequest(res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(hosts, req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown Host\n');
      return;
    }
    if (access && (await handlePrivate(req, res, url, access))) return;
    forwardHttp(req, res, forward);
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = !hostAllowed(hosts, req)
      ? 'unknown Host'
      : !originAllowed(hosts, req)
        ? 'foreign Origin'
        : access && !session(req)?.ok
          ? 'sign in first'
          : null;
    if (refusal) return answerUpgrade(socket, '401 Unauthorized', `Unauthorized: ${refusal}\n`);
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    forwardUpgrade(req, socket, head, forward);
  };

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      deps.logger.warn('Proxy request failed; answered 400', error);
      answerBadRequest(res);
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => deps.logger.warn('Proxy upgrade socket error', error.message));
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      deps.logger.warn('Proxy upgrade failed; answered 400', error);
      answerUpgrade(socket, '400 Bad Request', 'Bad request\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    port,
    setTunnelHost: (host) => {
      tunnelHost = host?.toLowerCase() ?? null;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

type FormRead = { ok: true; form: URLSearchParams } | { ok: false; status: 400 | 413 };

/**
 * A small urlencoded form body. Reading stops at MAX_FORM_BYTES (or at once when Content-Length says more, or
 * the body is not a form), so a huge body costs the gate a few kilobytes.
 */
function readForm(req: IncomingMessage): Promise<FormRead> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) {
    return Promise.resolve({ ok: false, status: 413 });
  }
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded'))
    return Promise.resolve({ ok: false, status: 400 });
  return new Promise((resolve) => {
    let body = '';
    let size = 0;
    req.setEncoding('utf8');
    const onData = (chunk: string) => {
      size += Buffer.byteLength(chunk);
      if (size <= MAX_FORM_BYTES) {
        body += chunk;
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve({ ok: false, status: 413 });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, form: new URLSearchParams(body) }));
    req.on('error', () => resolve({ ok: false, status: 400 }));
  });
}
