import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { writePrivateFile } from '../secrets/private-file';

/**
 * `__Host-`: the browser keeps the cookie only when it is Secure, for `/`, and without a Domain, so no sibling
 * subdomain of the tunnel's can set or read it.
 */
export const SESSION_COOKIE = '__Host-ff-session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SECRET_BYTES = 32;

export interface SessionSignerDeps {
  /** The secret's file in the data folder (mode 0600); created when missing, replaced by `rotate`. */
  secretFile: string;
  /** Sessions are bound to the password too: a new password signs everyone out. */
  password: string;
  now: () => number;
  ttlMs?: number;
}

export type SessionCheck =
  | { ok: true; expiresAt: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' };

/**
 * Signs and checks session cookies: `v1.<expires ms>.<nonce>.<HMAC-SHA256>`. The key is derived from the
 * secret stored in the data folder and the password, so sessions survive a restart of `ff proxy` with the
 * same password, and `rotate` (sign out everywhere) voids every cookie ever handed out.
 */
export class SessionSigner {
  private key: Buffer;

  constructor(private readonly deps: SessionSignerDeps) {
    this.key = this.deriveKey(loadOrCreateSecret(deps.secretFile));
  }

  /** A fresh cookie value, valid for the TTL from now. */
  issue(): { value: string; expiresAt: number } {
    const expiresAt = this.deps.now() + (this.deps.ttlMs ?? SESSION_TTL_MS);
    const payload = `v1.${expiresAt}.${randomBytes(16).toString('base64url')}`;
    return { value: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  check(value: string | undefined): SessionCheck {
    if (!value) return { ok: false, reason: 'missing' };
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1' || !/^\d{1,15}$/.test(parts[1] ?? '')) {
      return { ok: false, reason: 'malformed' };
    }
    const payload = parts.slice(0, 3).join('.');
    const offered = Buffer.from(parts[3] ?? '', 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) {
      return { ok: false, reason: 'bad-signature' };
    }
    const expiresAt = Number(parts[1]);
    if (expiresAt <= this.deps.now()) return { ok: false, reason: 'expired' };
    return { ok: true, expiresAt };
  }

  /** Sign out everywhere: a new secret, written before it is used, so no earlier cookie checks out again. */
  rotate(): void {
    const secret = randomBytes(SECRET_BYTES);
    writeSecret(this.deps.secretFile, secret);
    this.key = this.deriveKey(secret);
  }

  private deriveKey(secret: Buffer): Buffer {
    return createHmac('sha256', secret).update(`ff-proxy-session\0${this.deps.password}`, 'utf8').digest();
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload, 'utf8').digest('base64url');
  }
}

function loadOrCreateSecret(file: string): Buffer {
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (secret.length >= SECRET_BYTES) {
      chmodSync(file, 0o600);
      return secret;
    }
  }
  const secret = randomBytes(SECRET_BYTES);
  writeSecret(file, secret);
  return secret;
}

function writeSecret(file: string, secret: Buffer): void {
  writePrivateFile(file, `${secret.toString('base64url')}\n`);
}

/** The Set-Cookie header for a session (or, with `value` null, the one that clears it). */
export function sessionCookieHeader(
  session: { value: string; expiresAt: number } | null,
  now: number,
): string {
  const attributes = 'Path=/; HttpOnly; Secure; SameSite=Strict';
  if (!session) return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
  const maxAge = Math.max(0, Math.floor((session.expiresAt - now) / 1000));
  return `${SESSION_COOKIE}=${session.value}; ${attributes}; Max-Age=${maxAge}; Expires=${new Date(session.expiresAt).toUTCString()}`;
}

/** The session cookie's value from a Cookie header; malformed pairs are skipped. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
