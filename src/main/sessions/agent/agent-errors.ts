import { RequestError } from '@agentclientprotocol/sdk';
import { redact } from '../../logging/redact';

/** ACP's "authentication required": the provider needs a sign-in. */
export const AUTH_REQUIRED = -32000;

export function isAuthError(error: unknown): boolean {
  return error instanceof RequestError && error.code === AUTH_REQUIRED;
}

export function codeOf(error: unknown): number | null {
  return error instanceof RequestError ? error.code : null;
}

/** An error's message with secrets removed, fit for the log and the UI. */
export function errorText(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
