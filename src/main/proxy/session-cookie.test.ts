import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSessionCookie, SESSION_COOKIE, SessionSigner, sessionCookieHeader } from './session-cookie';

const secretFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ff-secret-')), 'proxy-secret');

describe('SessionSigner', () => {
  it('stores its secret in a file only the user can read', () => {
    const file = secretFile();
    new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(43);
  });

  it.runIf(process.platform !== 'win32')(
    'never writes its secret through a link planted at its temporary name (rotation included)',
    () => {
      const file = secretFile();
      const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), 'ff-elsewhere-')), 'collected');
      writeFileSync(elsewhere, '', { mode: 0o644 });
      symlinkSync(elsewhere, `${file}.${process.pid}.tmp`);
      const signer = new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 });
      signer.rotate();
      expect(readFileSync(elsewhere, 'utf8')).toBe('');
      expect(statSync(file).isFile()).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    },
  );

  it('accepts its own cookie until it expires, then refuses it', () => {
    let now = 1_000_000;
    const signer = new SessionSigner({
      secretFile: secretFile(),
      password: 'pw-12345678',
      now: () => now,
      ttlMs: 60_000,
    });
    const session = signer.issue();
    expect(session.expiresAt).toBe(1_060_000);
    expect(signer.check(session.value)).toEqual({ ok: true, expiresAt: 1_060_000 });
    now = 1_059_999;
    expect(signer.check(session.value).ok).toBe(true);
    now = 1_060_000;
    expect(signer.check(session.value)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a cookie whose expiry or signature was changed, and malformed ones', () => {
    const signer = new SessionSigner({ secretFile: secretFile(), password: 'pw-12345678', now: () => 0 });
    const [v, expires, nonce, sig] = signer.issue().value.split('.');
    expect(signer.check(`${v}.${Number(expires) * 2}.${nonce}.${sig}`)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const flipped = sig!.startsWith('A') ? `B${sig!.slice(1)}` : `A${sig!.slice(1)}`;
    expect(signer.check(`${v}.${expires}.${nonce}.${flipped}`)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    for (const bad of ['', 'x', 'v1.1.2', 'v2.1.a.b', 'v1.notanumber.a.b']) {
      expect(signer.check(bad).ok).toBe(false);
    }
    expect(signer.check(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('keeps sessions across restarts with the same secret and password, not with another password', () => {
    const file = secretFile();
    const first = new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 });
    const cookie = first.issue().value;
    expect(
      new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 }).check(cookie).ok,
    ).toBe(true);
    expect(
      new SessionSigner({ secretFile: file, password: 'another-one', now: () => 0 }).check(cookie),
    ).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rotating the secret (sign out everywhere) voids every cookie, also for the next run', () => {
    const file = secretFile();
    const signer = new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 });
    const before = signer.issue().value;
    const secretBefore = readFileSync(file, 'utf8');
    signer.rotate();
    expect(readFileSync(file, 'utf8')).not.toBe(secretBefore);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(signer.check(before).ok).toBe(false);
    expect(signer.check(signer.issue().value).ok).toBe(true);
    expect(
      new SessionSigner({ secretFile: file, password: 'pw-12345678', now: () => 0 }).check(before).ok,
    ).toBe(false);
  });
});

describe('session cookie header', () => {
  it('is HttpOnly, Secure, SameSite=Strict, host-only, with an expiry', () => {
    const header = sessionCookieHeader({ value: 'v1.120000.n.s', expiresAt: 120_000 }, 60_000);
    expect(header).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.120000\\.n\\.s;`));
    for (const part of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', 'Max-Age=60', 'Expires=']) {
      expect(header).toContain(part);
    }
    expect(header).not.toContain('Domain');
    expect(sessionCookieHeader(null, 0)).toContain('Max-Age=0');
  });

  it('is read from a Cookie header among others, and absent when missing', () => {
    expect(readSessionCookie(`a=1; ${SESSION_COOKIE}=v1.2.3.4; b`)).toBe('v1.2.3.4');
    expect(readSessionCookie('a=1; b=2')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });
});
