import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { parse as parseCookie } from 'cookie';

export const TOKEN_COOKIE = 'ff_token';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A cookie's value; malformed headers and values (`ff_token=%`) read as absent or raw, never throw. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  return parseCookie(header)[name] ?? null;
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

export type AuthDecision = { ok: true; via: 'cookie' | 'header' | 'query' } | { ok: false; reason: string };

export interface RequestGuard {
  /** Host must name this server (DNS-rebinding defence). */
  checkHost(req: IncomingMessage): AuthDecision;
  /** A browser's Origin, when sent, must be this server (cross-site WebSocket defence). */
  checkOrigin(req: IncomingMessage): AuthDecision;
  /** The per-run token, from the cookie, `Authorization: Bearer`, or `?token=`. */
  checkToken(req: IncomingMessage, url: URL): AuthDecision;
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
    checkHost: (req) =>
      hostOk(req.headers.host) ? { ok: true, via: 'header' } : { ok: false, reason: 'unknown Host' },
    checkOrigin: (req) => {
      const origin = req.headers.origin;
      if (origin === undefined) return { ok: true, via: 'header' };
      try {
        const u = new URL(origin);
        if ((u.protocol === 'http:' || u.protocol === 'https:') && hostOk(u.host || `${u.hostname}:80`)) {
          return { ok: true, via: 'header' };
        }
      } catch {
        // fall through
      }
      return { ok: false, reason: 'foreign Origin' };
    },
    checkToken: (req, url) => {
      const cookie = readCookie(req.headers.cookie, TOKEN_COOKIE);
      if (cookie && safeEqual(cookie, options.token)) return { ok: true, via: 'cookie' };
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), options.token)) {
        return { ok: true, via: 'header' };
      }
      const query = url.searchParams.get('token');
      if (query && safeEqual(query, options.token)) return { ok: true, via: 'query' };
      return { ok: false, reason: 'missing or wrong token' };
    },
  };
}

export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}
