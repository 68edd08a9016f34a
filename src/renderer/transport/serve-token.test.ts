import { describe, expect, it } from 'vitest';
import { SERVE_TOKEN_KEY, takeServeToken } from './serve-token';

function fakes(href: string, stored: string | null = null) {
  const items = new Map<string, string>(stored ? [[SERVE_TOKEN_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    location: { href },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => replaced.push(String(url)),
    },
    storage: {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => items.set(k, v),
    },
    items,
    replaced,
  };
}

describe('takeServeToken', () => {
  it('moves the URL token into sessionStorage and out of the address bar, keeping the rest', () => {
    const f = fakes('http://127.0.0.1:3000/board?token=abc&view=1#top');
    expect(takeServeToken(f.location, f.history, f.storage)).toBe('abc');
    expect(f.items.get(SERVE_TOKEN_KEY)).toBe('abc');
    expect(f.replaced).toEqual(['/board?view=1#top']);
  });

  it('finds the stored token after a reload, without touching history', () => {
    const f = fakes('http://127.0.0.1:3000/', 'abc');
    expect(takeServeToken(f.location, f.history, f.storage)).toBe('abc');
    expect(f.replaced).toEqual([]);
  });

  it('prefers a new URL token over a stored one', () => {
    const f = fakes('http://127.0.0.1:3000/?token=new', 'old');
    expect(takeServeToken(f.location, f.history, f.storage)).toBe('new');
    expect(f.items.get(SERVE_TOKEN_KEY)).toBe('new');
  });

  it('is null when the tab has neither', () => {
    const f = fakes('http://127.0.0.1:3000/');
    expect(takeServeToken(f.location, f.history, f.storage)).toBeNull();
  });
});
