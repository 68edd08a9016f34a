import type { Session } from '@shared/contract/sessions';
import { useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';

/** A process is there to stop: running, starting, or waiting for a running-agent slot. */
const STOPPABLE = new Set<Session['process']['state']>(['live', 'starting', 'waiting']);

/** Stop the agent (while it runs) and delete the session (after a confirmation). */
export function SessionActions({ session }: { session: Session }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sessionId = session.id;
  const run = async (call: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      after?.();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ff-session-actions">
      {STOPPABLE.has(session.process.state) && (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void run(() => client.sessions.stop({ sessionId }))}
        >
          Stop agent
        </button>
      )}
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={busy}
        onClick={() => setConfirming(true)}
      >
        Delete session
      </button>
      {!confirming && <FieldError message={error} />}
      <Dialog open={confirming} title="Delete this session?" onClose={() => setConfirming(false)}>
        <p>
          “{session.title}” and its transcript will be gone for good
          {STOPPABLE.has(session.process.state) ? '; its agent is stopped first' : ''}. The worktree and its
          files stay as they are.
        </p>
        <FieldError message={error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() =>
              void run(
                () => client.sessions.delete({ sessionId }),
                () => setConfirming(false),
              )
            }
          >
            Delete
          </button>
        </div>
      </Dialog>
    </div>
  );
}
