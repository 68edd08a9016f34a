import type { Session } from '@shared/contract/sessions';
import { useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { waking } from './wake-on-intent';

/**
 * Where the agent is when that is not "ready": waking from hibernation, starting, waiting for a slot, errored,
 * stopped, read-only.
 */
export function SessionBanner({ session }: { session: Session }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  let text: string | null = null;
  let action: { label: string; call: () => Promise<unknown> } | null = null;
  const sessionId = session.id;
  if (session.readOnly) {
    text = 'This agent cannot resume this conversation. The transcript is read-only.';
    action = { label: 'Continue in a new session', call: () => client.sessions.continueInNew({ sessionId }) };
  } else if (session.status === 'ERROR') {
    text =
      session.errorKind === 'NOT_SIGNED_IN'
        ? `The agent is not signed in. ${session.loginHint ?? ''}`
        : `The agent stopped with an error${session.statusReason ? `: ${session.statusReason}` : '.'}`;
    action = { label: 'Restart session', call: () => client.sessions.restart({ sessionId }) };
  } else if (session.status === 'STOPPED') {
    text = 'The agent is stopped.';
    action = { label: 'Restart session', call: () => client.sessions.restart({ sessionId }) };
  } else if (waking(session)) {
    const place = session.process.state === 'waiting' ? session.process.queuePosition : null;
    text = `Waking the agent…${place ? ` (#${place} in line to start)` : ''}`;
  } else if (session.process.state === 'waiting') {
    text = `Waiting for its turn to start the agent${session.process.queuePosition ? ` (#${session.process.queuePosition} in line)` : ''}…`;
  } else if (session.status === 'STARTING') {
    text = 'Starting the agent…';
  }
  if (!text) return null;
  return (
    <div className="ff-session-banner" role="status" data-status={session.status}>
      <span>{text}</span>
      {action && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(action.call)}>
          {action.label}
        </button>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
