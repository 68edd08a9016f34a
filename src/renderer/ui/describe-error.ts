import { ORPCError } from '@orpc/client';

/** One line a person can act on, from any error a call may reject with. */
export function describeError(error: unknown): string {
  if (error instanceof ORPCError) {
    const reason = reasonOf(error.data);
    return reason && reason !== error.message ? `${error.message}: ${reason}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

function reasonOf(data: unknown): string | null {
  if (data && typeof data === 'object' && 'reason' in data && typeof data.reason === 'string')
    return data.reason;
  return null;
}
