import { isDefinedError, ORPCError, validateORPCError } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { commonErrors } from '../shared/contract/errors';
import { projectErrors } from '../shared/contract/projects';
import { sessionErrors } from '../shared/contract/sessions';
import { terminalErrors } from '../shared/contract/terminals';
import { workspaceErrors } from '../shared/contract/workspaces';
import { err, ok } from '../shared/lib/result';
import { type Problem, toRpcError, unwrap } from './rpc-errors';

const declared = {
  ...commonErrors,
  ...projectErrors,
  ...workspaceErrors,
  ...sessionErrors,
  ...terminalErrors,
};

/** One problem of every kind the contract declares, with the message a person reads (null: declared one). */
const cases: Array<[Problem, string | null]> = [
  [{ code: 'NOT_FOUND', entity: 'workspace', id: 'w1' }, null],
  [{ code: 'INVALID', field: 'mentions', reason: 'x is outside the worktree' }, 'x is outside the worktree'],
  [{ code: 'CONFLICT', reason: 'The agent is not running' }, 'The agent is not running'],
  [{ code: 'UNAVAILABLE', reason: 'Shutting down' }, 'Shutting down'],
  [
    { code: 'PROJECT_PATH_REJECTED', problem: 'NOT_A_GIT_REPOSITORY', path: '/tmp/x' },
    'This folder is not a git repository.',
  ],
  [
    { code: 'WORKSPACE_REJECTED', problem: 'BRANCH_EXISTS', detail: 'The branch "a" already exists' },
    'The branch "a" already exists',
  ],
  [
    { code: 'WRONG_STATUS', status: 'ARCHIVED', allowed: ['READY', 'FAILED'] },
    'The workspace is ARCHIVED; this needs READY or FAILED',
  ],
  [
    { code: 'GIT_REFUSED', problem: 'NOTHING_TO_COMMIT', detail: 'There are no changes to commit' },
    'There are no changes to commit',
  ],
  [
    { code: 'ARCHIVE_REFUSED', uncommittedFiles: ['a', 'b'], unpushedCommits: 1 },
    'Archiving would lose 2 uncommitted file(s) and 1 unpushed commit(s); commit and push, or archive anyway',
  ],
  [{ code: 'AGENT_UNAVAILABLE', provider: 'nobody', reason: 'Unknown provider' }, 'Unknown provider'],
  [
    { code: 'AGENT_NOT_SIGNED_IN', provider: 'claude', loginHint: 'Run claude login' },
    'claude is not signed in. Run claude login',
  ],
  [
    { code: 'SESSION_NOT_ACTIVE', status: 'ERROR', reason: 'crashed', readOnly: false },
    'The session is ERROR (crashed); restart it first',
  ],
  [
    { code: 'SESSION_NOT_ACTIVE', status: 'STOPPED', reason: null, readOnly: true },
    'This session is read-only: its agent cannot resume it. Continue in a new session.',
  ],
  [{ code: 'TERMINAL_REJECTED', problem: 'NO_RUN_SCRIPT', detail: 'No run script' }, 'No run script'],
  [{ code: 'TERMINAL_EXITED', id: 't1', exitCode: 0 }, null],
];

describe('toRpcError', () => {
  it('has a case for every error the contract declares', () => {
    expect(new Set(cases.map(([p]) => p.code))).toEqual(new Set(Object.keys(declared)));
  });

  it.each(cases)('maps %o to its declared error, data kept', async (problem, message) => {
    const error = toRpcError(problem);
    const { code, ...data } = problem;
    const definition = declared[code];
    expect(error).toBeInstanceOf(ORPCError);
    expect(error).toMatchObject({ code, status: definition.status, defined: true, data });
    expect(error.message).toBe(message ?? definition.message);
    // What oRPC does with it in a procedure that declares the code: still defined, data valid.
    const checked = await validateORPCError(declared, error);
    expect(isDefinedError(checked)).toBe(true);
    expect(checked.data).toEqual(data);
  });

  it('turns a code the contract does not declare into INTERNAL_SERVER_ERROR', () => {
    const error = toRpcError({ code: 'SOMETHING_ELSE', reason: 'x' } as unknown as Problem);
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', status: 500, defined: false });
  });

  it('does not take inherited names for declared codes', () => {
    const error = toRpcError({ code: 'toString' } as unknown as Problem);
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('unwrap', () => {
  it('returns the value of a success', () => {
    expect(unwrap(ok(42))).toBe(42);
  });

  it('throws the typed error of a failure', () => {
    expect(() => unwrap(err<Problem>({ code: 'NOT_FOUND', entity: 'session', id: 's1' }))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', data: { entity: 'session', id: 's1' } }),
    );
  });
});
