import { ORPCError } from '@orpc/server';
import type { z } from 'zod';
import { commonErrors } from '../shared/contract/errors';
import { projectErrors } from '../shared/contract/projects';
import { sessionErrors } from '../shared/contract/sessions';
import { terminalErrors } from '../shared/contract/terminals';
import { workspaceErrors } from '../shared/contract/workspaces';
import type { Result } from '../shared/lib/result';
import { problemMessage } from './problem-messages';

/** Every typed error the contract declares, by code: the one table the mapper reads status and data from. */
const declaredErrors = {
  ...commonErrors,
  ...projectErrors,
  ...workspaceErrors,
  ...sessionErrors,
  ...terminalErrors,
};

type DeclaredErrors = typeof declaredErrors;
export type ErrorCode = keyof DeclaredErrors;

/**
 * An expected failure as a service returns it: a declared error's code beside that error's data. Each
 * service's own failure type (WorkspaceError, SessionProblem, …) must fit this, so it cannot drift from the
 * contract.
 */
export type Problem = { [C in ErrorCode]: { code: C } & z.infer<DeclaredErrors[C]['data']> }[ErrorCode];

/**
 * The contract's typed error for a problem, with its declared status, its data and its message (see
 * problem-messages.ts). A procedure that does not declare the code still gets the code, message and data;
 * oRPC then marks the error as not defined. A code the contract does not know becomes INTERNAL_SERVER_ERROR.
 */
export function toRpcError(problem: Problem): ORPCError<string, unknown> {
  const { code, ...data } = problem;
  if (!Object.hasOwn(declaredErrors, code)) {
    return new ORPCError('INTERNAL_SERVER_ERROR', { message: `Unexpected failure ${String(code)}` });
  }
  const declared = declaredErrors[code];
  return new ORPCError(code, {
    defined: true,
    status: declared.status,
    message: problemMessage(problem) ?? declared.message,
    data,
  });
}

/** Returns the value, or throws the contract's typed error for the failure. Every router uses this. */
export function unwrap<T>(result: Result<T, Problem>): T {
  if (result.ok) return result.value;
  throw toRpcError(result.error);
}
