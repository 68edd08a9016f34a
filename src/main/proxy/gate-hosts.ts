import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * Which Host and Origin the gate accepts: its own loopback address, and the tunnel's public name only while
 * the tunnel is up (`tunnelHost` is null otherwise).
 */
export interface GateHosts {
  port: () => number;
  tunnelHost: () => string | null;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function splitHost(host: string): { name: string; port: number | null } | null {
  const match = /^(\[[^\]]+\]|[^:/\s]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match) return null;
  return { name: match[1]!, port: match[2] ? Number(match[2]) : null };
}

/** Whether `host` (a Host header, or an Origin's host) names the tunnel while it is up. */
export function isTunnelHost(hosts: GateHosts, host: string | undefined, defaultPort = 443): boolean {
  const tunnel = hosts.tunnelHost();
  const parsed = host ? splitHost(host) : null;
  if (!tunnel || !parsed) return false;
  return parsed.name === tunnel && (parsed.port ?? defaultPort) === 443;
}

function isLoopbackHost(hosts: GateHosts, host: string | undefined): boolean {
  const parsed = host ? splitHost(host) : null;
  return !!parsed && LOOPBACK_NAMES.has(parsed.name) && (parsed.port ?? 80) === hosts.port();
}

/**
 * Host names the gate: cloudflared keeps the visitor's Host (the tunnel's name, no port), and local clients
 * use the loopback address with the gate's port. Anything else is DNS rebinding or a stale tunnel name.
 */
export function hostAllowed(hosts: GateHosts, req: IncomingMessage): boolean {
  const host = req.headers.host;
  // cloudflared sends the visitor's Host without a port; a Host naming port 443 is the same.
  return isTunnelHost(hosts, host) || isLoopbackHost(hosts, host);
}

/** An Origin, when sent, must be the tunnel over https or the gate's own loopback address over http. */
export function originAllowed(hosts: GateHosts, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return isTunnelHost(hosts, url.host);
  if (url.protocol === 'http:') return isLoopbackHost(hosts, url.host);
  return false;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The address sign-in attempts are counted against. A request that came through the tunnel (cloudflared's
 * loopback connection, carrying the tunnel's Host) is counted against the visitor's address from
 * `Cf-Connecting-IP` (or the last `X-Forwarded-For` entry, the one the tunnel appended: the ones before it
 * are the visitor's to write); any other request against its own peer address, since its headers could
 * claim anything. IPv6 addresses count per /64 (see addressKey).
 */
export function clientAddress(hosts: GateHosts, req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!LOOPBACK_ADDRESSES.has(peer) || !isTunnelHost(hosts, req.headers.host)) return addressKey(peer);
  const cf = headerValue(req.headers['cf-connecting-ip']);
  if (cf) return addressKey(cf);
  const forwarded = headerValue(req.headers['x-forwarded-for'])?.split(',').at(-1)?.trim();
  return addressKey(forwarded || peer);
}

/**
 * One key per visitor: an IPv6 address stands for its /64 (a single host or phone is usually given a whole
 * /64 and could otherwise try five passwords from each of its 2^64 addresses); an IPv4-mapped one for the
 * IPv4 address; anything else as it is.
 */
export function addressKey(address: string): string {
  const ip = address.replace(/%.*$/, '');
  if (!isIPv6(ip)) return address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = ip.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const written = [...groups(head), ...(tail === undefined ? [] : groups(tail))];
  // An embedded IPv4 tail (a.b.c.d) fills two groups.
  const filled = written.reduce((n, group) => n + (group.includes('.') ? 2 : 1), 0);
  const full = [...groups(head), ...Array<string>(8 - filled).fill('0'), ...groups(tail)];
  return `${full
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed && trimmed.length <= 100 ? trimmed : undefined;
}
