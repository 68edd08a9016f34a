import { describe, expect, it } from 'vitest';
import { generatePassword, passwordMatches } from './password';
import { tunnelUrlIn } from './tunnel-url';

describe('tunnelUrlIn', () => {
  it('finds the quick tunnel URL in the box cloudflared logs', () => {
    const line =
      '2026-12-02T06:00:00Z INF |  https://Seasonal-Example-Words-Here.trycloudflare.com                           |';
    expect(tunnelUrlIn(line)).toBe('https://seasonal-example-words-here.trycloudflare.com');
  });

  it('ignores the API host named in errors, and lines without a tunnel', () => {
    expect(
      tunnelUrlIn('ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel"'),
    ).toBeNull();
    expect(tunnelUrlIn('INF Requesting new quick Tunnel on trycloudflare.com...')).toBeNull();
    expect(tunnelUrlIn('INF https://example.com')).toBeNull();
  });
});

describe('passwords', () => {
  it('generates distinct, readable passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it('compares whole passwords only', () => {
    expect(passwordMatches('abc-12345', 'abc-12345')).toBe(true);
    expect(passwordMatches('abc-1234', 'abc-12345')).toBe(false);
    expect(passwordMatches('', 'abc-12345')).toBe(false);
  });
});
