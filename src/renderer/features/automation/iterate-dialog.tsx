import { ITERATE_DEFAULT_MAX, ITERATE_DEFAULT_TIMEOUT_MS } from '@shared/contract/iterate';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { navigate } from '../../app/router-store';
import { useIterateLoops } from '../../stores/automation-store';
import { useSessions } from '../../stores/sessions-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';
import { CancelSubmit, FieldLabel } from '../../ui/form-parts';
import { useAutomationUi } from './automation-ui';

/** Starts an iterate-until-green loop: a goal, a check command, how many turns at most, the check's timeout. */
export function IterateDialog() {
  const client = useClient();
  const target = useAutomationUi((s) => s.iterate);
  const close = useAutomationUi((s) => s.close);
  const session = useSessions((s) => (target?.sessionId ? s.byId[target.sessionId] : undefined));
  const [goal, setGoal] = useState('');
  const [command, setCommand] = useState('');
  const [max, setMax] = useState(String(ITERATE_DEFAULT_MAX));
  const [timeout, setTimeoutMinutes] = useState(String(ITERATE_DEFAULT_TIMEOUT_MS / 60_000));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { goal: useId(), command: useId(), max: useId(), timeout: useId() };

  useEffect(() => {
    if (target) setError(null);
  }, [target]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    const maxIterations = Number(max);
    const minutes = Number(timeout);
    if (!goal.trim()) return setError('Say what the agent should do.');
    if (!command.trim())
      return setError('Give the command that says whether the work is done, e.g. npm test.');
    if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > 100)
      return setError('Iterations: a whole number from 1 to 100.');
    if (!(minutes > 0) || minutes > 1440) return setError('Timeout: minutes, more than 0 and at most 1440.');
    setBusy(true);
    setError(null);
    try {
      const loop = await client.iterate.start({
        workspaceId: target.workspaceId,
        sessionId: target.sessionId ?? undefined,
        goal: goal.trim(),
        command: command.trim(),
        maxIterations,
        timeoutMs: Math.max(1000, Math.round(minutes * 60_000)),
      });
      useIterateLoops.getState().upsert(loop);
      close();
      navigate({
        name: 'workspace',
        workspaceId: loop.workspaceId,
        tab: { kind: 'session', id: loop.sessionId },
      });
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={target !== null} title="Iterate until green" onClose={close}>
      <form className="form-stack" onSubmit={submit}>
        <p className="muted">
          {session ? `In the session “${session.title}”.` : 'In a new session.'} After each turn the app runs
          the check in the worktree and sends a failure back, until it passes.
        </p>
        <FieldLabel htmlFor={ids.goal}>Goal</FieldLabel>
        <textarea
          id={ids.goal}
          rows={3}
          value={goal}
          placeholder="What should the agent do?"
          onChange={(e) => setGoal(e.target.value)}
        />
        <FieldLabel htmlFor={ids.command}>Check command</FieldLabel>
        <input
          id={ids.command}
          className="mono"
          value={command}
          placeholder="npm test"
          onChange={(e) => setCommand(e.target.value)}
        />
        <FieldLabel htmlFor={ids.max}>At most this many turns</FieldLabel>
        <input
          id={ids.max}
          type="number"
          min={1}
          max={100}
          value={max}
          onChange={(e) => setMax(e.target.value)}
        />
        <FieldLabel htmlFor={ids.timeout}>Check timeout (minutes)</FieldLabel>
        <input
          id={ids.timeout}
          type="number"
          min={0.1}
          step="any"
          value={timeout}
          onChange={(e) => setTimeoutMinutes(e.target.value)}
        />
        <FieldError message={error} />
        <CancelSubmit onCancel={close} disabled={busy}>
          {busy ? 'Starting…' : 'Start'}
        </CancelSubmit>
      </form>
    </Dialog>
  );
}
