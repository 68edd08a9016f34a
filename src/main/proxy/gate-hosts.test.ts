import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, type GateHosts, hostAllowed, originAllowed } from './gate-hosts';

const TUNNEL = 'some-words.trycloudflare.com';

function request(headers: Record<string, string>, peer = '127.0.0.1'): IncomingMessage {
  return { headers, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

function hosts(tunnel: string | null): GateHosts {
  return { port: () => 4100, tunnelHost: () => tunnel };
}

describe('gate hosts', () => {
  it('accepts the tunnel name (no port, or 443) only while the tunnel is up, and the gate’s loopback port', () => {
    for (const host of [TUNNEL, `${TUNNEL}:443`, 'SOME-WORDS.trycloudflare.com']) {
      expect(hostAllowed(hosts(TUNNEL), request({ host })), host).toBe(true);
      expect(hostAllowed(hosts(null), request({ host })), host).toBe(false);
    }
    for (const host of [
      `${TUNNEL}:8443`,
      `other.trycloudflare.com`,
      `evil.${TUNNEL}`,
      '127.0.0.1:4101',
      '',
    ]) {
      expect(hostAllowed(hosts(TUNNEL), request({ host })), host).toBe(false);
    }
    expect(hostAllowed(hosts(null), request({ host: '127.0.0.1:4100' }))).toBe(true);
    expect(hostAllowed(hosts(null), request({ host: 'localhost:4100' }))).toBe(true);
  });

  it('accepts an Origin of the tunnel over https or the gate over http, and no Origin', () => {
    expect(originAllowed(hosts(TUNNEL), request({}))).toBe(true);
    expect(originAllowed(hosts(TUNNEL), request({ origin: `https://${TUNNEL}` }))).toBe(true);
    expect(originAllowed(hosts(TUNNEL), request({ origin: 'http://127.0.0.1:4100' }))).toBe(true);
    for (const origin of [
      `http://${TUNNEL}`,
      'https://127.0.0.1:4100',
      'null',
      'https://evil.example',
      'x',
    ]) {
      expect(originAllowed(hosts(TUNNEL), request({ origin })), origin).toBe(false);
    }
    expect(originAllowed(hosts(null), request({ origin: `https://${TUNNEL}` }))).toBe(false);
  });

  it('takes the visitor’s address from the tunnel’s headers only for loopback requests with the tunnel’s Host', () => {
    const forwarded = { 'cf-connecting-ip': '203.0.113.1', 'x-forwarded-for': '198.51.100.2, 10.0.0.1' };
    expect(clientAddress(hosts(TUNNEL), request({ host: TUNNEL, ...forwarded }))).toBe('203.0.113.1');
    // The last X-Forwarded-For entry is the one the tunnel appended; earlier ones are the visitor's to write.
    expect(
      clientAddress(hosts(TUNNEL), request({ host: TUNNEL, 'x-forwarded-for': '198.51.100.2, 10.0.0.1' })),
    ).toBe('10.0.0.1');
    expect(clientAddress(hosts(TUNNEL), request({ host: TUNNEL }))).toBe('127.0.0.1');
    expect(clientAddress(hosts(TUNNEL), request({ host: '127.0.0.1:4100', ...forwarded }))).toBe('127.0.0.1');
    expect(clientAddress(hosts(null), request({ host: TUNNEL, ...forwarded }))).toBe('127.0.0.1');
    expect(clientAddress(hosts(TUNNEL), request({ host: TUNNEL, ...forwarded }, '192.0.2.9'))).toBe(
      '192.0.2.9',
    );
  });

  it('counts IPv6 visitors per /64 (one host holds a whole /64) and IPv4-mapped ones as IPv4', () => {
    const from = (ip: string) =>
      clientAddress(hosts(TUNNEL), request({ host: TUNNEL, 'cf-connecting-ip': ip }));
    expect(from('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(from('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(from('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(from('::1')).toBe('0:0:0:0::/64');
    expect(from('2001:db8:1:2:3:4:192.0.2.1')).toBe('2001:db8:1:2::/64');
    expect(from('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(from('203.0.113.9')).toBe('203.0.113.9');
    expect(from('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
