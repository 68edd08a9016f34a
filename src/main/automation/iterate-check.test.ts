import { describe, expect, it } from 'vitest';
import type { ScriptOutcome } from '../workspaces/script-supervisor';
import { checkVerdict, FEEDBACK_OUTPUT_CHARS, outputTail } from './iterate-check';

function outcome(exit: Partial<ScriptOutcome['exit']>, timedOut = false): ScriptOutcome {
  return {
    run: {
      id: 'r',
      workspaceId: 'w',
      kind: 'check',
      command: 'npm test',
      status: 'FAILED',
      exitCode: exit.exitCode ?? null,
      truncated: false,
      startedAt: 0,
      endedAt: 1,
    },
    exit: { exitCode: null, signal: null, stopped: false, spawnError: null, ...exit },
    timedOut,
  };
}

describe('iterate check verdict', () => {
  it('tells a pass, a failure, a timeout, a missing command and a check that could not start apart', () => {
    expect(checkVerdict(outcome({ exitCode: 0 }), 60_000)).toEqual({ kind: 'passed' });
    expect(checkVerdict(outcome({ exitCode: 1 }), 60_000)).toEqual({ kind: 'failed', exit: 'exit code 1' });
    expect(checkVerdict(outcome({ signal: 'SIGSEGV' }), 60_000)).toEqual({
      kind: 'failed',
      exit: 'killed by SIGSEGV',
    });
    expect(checkVerdict(outcome({ stopped: true }, true), 90_000)).toEqual({
      kind: 'failed',
      exit: 'timed out after 90 s and was stopped',
    });
    expect(checkVerdict(outcome({ exitCode: 127 }), 60_000)).toMatchObject({
      kind: 'broken',
      reason: /not found/,
    });
    expect(checkVerdict(outcome({ spawnError: 'ENOENT' }), 60_000)).toMatchObject({
      kind: 'broken',
      reason: /ENOENT/,
    });
  });

  it('feeds back the end of a long output and says how much was left out', () => {
    expect(outputTail('')).toBe('(no output)');
    expect(outputTail('short')).toBe('short');
    const long = `${'a'.repeat(100)}${'b'.repeat(FEEDBACK_OUTPUT_CHARS)}`;
    expect(outputTail(long)).toBe(
      `[… 100 earlier characters left out …]\n${'b'.repeat(FEEDBACK_OUTPUT_CHARS)}`,
    );
  });
});
