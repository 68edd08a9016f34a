/**
 * Secrets in settings: environment variables whose name looks like a credential are kept in the secret store
 * (OS keychain or a user-only file), never in `data.db`, and reach the renderer only masked.
 */

/**
 * Names that usually hold credentials: API keys, tokens, secrets, passwords, and custom request headers
 * (`ANTHROPIC_CUSTOM_HEADERS` is where a gateway's key or bearer token goes).
 */
export function looksSecret(name: string): boolean {
  return /KEY|TOKEN|SECRET|PASSWORD|PASSWD|HEADERS/i.test(name);
}

const MASK = '••••••••';

/**
 * What the renderer sees of a stored secret: dots, and the last four characters of a long value so two keys
 * can be told apart. Sent back unchanged in `settings.update`, it means "keep the stored value".
 */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `${MASK}${value.slice(-4)}` : MASK;
}

/** A value that is a mask, not a secret: no real key starts with eight bullets. */
export function isMaskedSecret(value: string): boolean {
  return value.startsWith(MASK);
}
