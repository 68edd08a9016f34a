import type { IterateCheck } from '../../shared/contract/iterate';
import type { ScriptOutcome } from '../workspaces/script-supervisor';

/** The end of a failing check's output fed back to the agent: the end is what explains a failure. */
export const FEEDBACK_OUTPUT_CHARS = 16 * 1024;

/** Shells exit 127 for a command they cannot find: the check itself is wrong, not the agent's work. */
const NOT_FOUND_EXIT = 127;

export type CheckVerdict =
  | { kind: 'passed' }
  | { kind: 'failed'; exit: string }
  /** The check cannot say anything about the work (no such command, could not start). */
  | { kind: 'broken'; reason: string };

export function checkVerdict(outcome: ScriptOutcome, timeoutMs: number): CheckVerdict {
  const { exit, timedOut } = outcome;
  if (timedOut)
    return { kind: 'failed', exit: `timed out after ${Math.round(timeoutMs / 1000)} s and was stopped` };
  if (exit.spawnError) return { kind: 'broken', reason: `The check could not start: ${exit.spawnError}` };
  if (exit.exitCode === 0) return { kind: 'passed' };
  if (exit.exitCode === NOT_FOUND_EXIT) {
    return {
      kind: 'broken',
      reason: 'The check command was not found (exit 127); fix the command and start again',
    };
  }
  return {
    kind: 'failed',
    exit: exit.exitCode === null ? `killed by ${exit.signal ?? 'a signal'}` : `exit code ${exit.exitCode}`,
  };
}

export function checkRecord(outcome: ScriptOutcome, iteration: number, verdict: CheckVerdict): IterateCheck {
  return {
    runId: outcome.run.id,
    iteration,
    passed: verdict.kind === 'passed',
    exitCode: outcome.exit.exitCode,
    timedOut: outcome.timedOut,
    at: Date.now(),
  };
}

/** The last `FEEDBACK_OUTPUT_CHARS` of a check's output, saying when earlier output was left out. */
export function outputTail(output: string): string {
  if (output.length <= FEEDBACK_OUTPUT_CHARS) return output || '(no output)';
  return `[… ${output.length - FEEDBACK_OUTPUT_CHARS} earlier characters left out …]\n${output.slice(-FEEDBACK_OUTPUT_CHARS)}`;
}
