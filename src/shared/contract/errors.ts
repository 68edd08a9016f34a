import { z } from 'zod';

/**
 * Expected failures every procedure may return, as typed oRPC errors. The client narrows them with
 * `isDefinedError(error)` and shows `error.message`; `error.data` carries machine-readable detail.
 * Domain contracts add their own codes with `.errors({...})`.
 */
export const commonErrors = {
  NOT_FOUND: {
    status: 404,
    message: 'Not found',
    data: z.object({ entity: z.string(), id: z.string() }),
  },
  INVALID: {
    status: 422,
    message: 'Invalid request',
    data: z.object({ field: z.string().optional(), reason: z.string() }),
  },
  CONFLICT: {
    status: 409,
    message: 'Conflict',
    data: z.object({ reason: z.string() }),
  },
  UNAVAILABLE: {
    status: 503,
    message: 'Unavailable',
    data: z.object({ reason: z.string() }),
  },
} as const;

/** Codes of the common errors, for exhaustive handling in the UI. */
export type CommonErrorCode = keyof typeof commonErrors;
