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

/** The typed error code, if the call failed with one of the contract's errors. */
export function errorCode(error: unknown): string | null {
  return error instanceof ORPCError ? error.code : null;
}

/** The error as a contract-declared (typed) error with this code, or null. `data` is typed by the caller. */
export function typedError<Data>(error: unknown, code: string): { message: string; data: Data } | null {
  if (error instanceof ORPCError && error.defined && error.code === code) {
    return { message: error.message, data: error.data as Data };
  }
  return null;
}
