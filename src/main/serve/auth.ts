import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/serve-protocol';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host names (without port) that may appear in Host and Origin headers for a server bound to `bindHost`. */
export function allowedHostnames(bindHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '[::]';
  if (!wildcard) names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost.toLowerCase());
  if (wildcard) {
    names.add(os.hostname().toLowerCase());
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const a of addresses ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
    }
  }
  return names;
}

export type AuthDecision = { ok: true } | { ok: false; reason: string };

/** The token a browser offers as a WebSocket subprotocol (see serve-protocol.ts), if any. */
function subprotocolToken(header: string | undefined): string | null {
  for (const offered of header?.split(',') ?? []) {
    const protocol = offered.trim();
    if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return null;
}

export interface RequestGuard {
  /** Host must name this server (DNS-rebinding defence). */
  checkHost(req: IncomingMessage): AuthDecision;
  /** A browser's Origin, when sent, must be this server (cross-site WebSocket defence). */
  checkOrigin(req: IncomingMessage): AuthDecision;
  /**
   * The per-run token, from a `Sec-WebSocket-Protocol` entry (browsers) or `Authorization: Bearer` (other
   * clients). Cookies and the URL are never read: the token must not depend on anything a browser sends
   * on its own, or that other servers on the same host could receive or set.
   */
  checkToken(req: IncomingMessage): AuthDecision;
}

export function createRequestGuard(options: {
  token: string;
  port: () => number;
  hostnames: Set<string>;
}): RequestGuard {
  const hostOk = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
    if (!match) return false;
    const port = match[2] ? Number(match[2]) : 80;
    return options.hostnames.has(match[1]!) && port === options.port();
  };
  return {
    checkHost: (req) => (hostOk(req.headers.host) ? { ok: true } : { ok: false, reason: 'unknown Host' }),
    checkOrigin: (req) => {
      const origin = req.headers.origin;
      if (origin === undefined) return { ok: true };
      try {
        const u = new URL(origin);
        if ((u.protocol === 'http:' || u.protocol === 'https:') && hostOk(u.host || `${u.hostname}:80`)) {
          return { ok: true };
        }
      } catch {
        // fall through
      }
      return { ok: false, reason: 'foreign Origin' };
    },
    checkToken: (req) => {
      const offered = subprotocolToken(req.headers['sec-websocket-protocol']);
      if (offered && safeEqual(offered, options.token)) return { ok: true };
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), options.token)) return { ok: true };
      return { ok: false, reason: 'missing or wrong token' };
    },
  };
}
