/** Where secrets are kept: encrypted with the OS keychain (desktop app), or a file only the user can read. */
export type SecretStoreKind = 'keychain' | 'file';

/**
 * The one place provider API keys and the pasted GitHub token are kept; never `data.db`. Reads are served
 * from memory, so the core may ask on every agent start. A write reaches the disk before it returns.
 */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** The file that holds the secrets (encrypted with the keychain, or plain and readable only by the user). */
  readonly path: string;
  /** The secret, or null when none is stored (or a stored one can no longer be decrypted). */
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** The names of the stored secrets, sorted. */
  names(): string[];
}

/**
 * The secret names the core uses, in one place: `github/token`, `provider/<id>/env/<NAME>` (the id is
 * URI-encoded, so a `/` in it cannot make two providers' names collide).
 */
export const secretNames = {
  githubToken: 'github/token',
  /** Every provider variable's name starts with this. */
  providers: 'provider/',
  /** The provider's prefix: every one of its variables' names starts with it. */
  providerPrefix: (provider: string) => `${secretNames.providers}${encodeURIComponent(provider)}/env/`,
  providerEnv: (provider: string, variable: string) => `${secretNames.providerPrefix(provider)}${variable}`,
};
