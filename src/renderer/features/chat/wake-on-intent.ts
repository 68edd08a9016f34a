import type { ContractClient } from '@shared/contract';
import type { Session } from '@shared/contract/sessions';

/**
 * Wake on intent: opening a chat, focusing its composer and typing in it all tell the core the user is about
 * to use the session, so a hibernated agent starts coming back (2–3 s for a real CLI) before the prompt is
 * sent. The core's `sessions.wake` is idempotent and respects the admission caps; this side only keeps the
 * calls few.
 */

/** Whether intent to use this session should wake its agent: hibernated, and not failed, stopped or read-only. */
export function wakeable(session: Session | null): session is Session {
  return (
    session !== null &&
    session.process.state === 'hibernated' &&
    session.status === 'IDLE' &&
    !session.readOnly
  );
}

/** A waking session: IDLE while its agent comes back (waiting for a slot or starting). */
export function waking(session: Session): boolean {
  return (
    session.status === 'IDLE' && (session.process.state === 'waiting' || session.process.state === 'starting')
  );
}

/** Every keystroke counts as intent; one call per session per this long is enough. */
export const WAKE_DEBOUNCE_MS = 2000;

export interface WakeCalls {
  /** Asks the core to wake `session` unless it is not wakeable or was asked within WAKE_DEBOUNCE_MS. */
  wake(client: ContractClient, session: Session | null): boolean;
}

export function wakeCalls(now: () => number = Date.now): WakeCalls {
  const askedAt = new Map<string, number>();
  return {
    wake(client, session) {
      if (!wakeable(session)) return false;
      const last = askedAt.get(session.id);
      if (last !== undefined && now() - last < WAKE_DEBOUNCE_MS) return false;
      askedAt.set(session.id, now());
      // Only a head start: a failure here changes nothing, the prompt still wakes the agent.
      client.sessions.wake({ sessionId: session.id }).catch(() => undefined);
      return true;
    },
  };
}

/** The app's one debouncer, shared by the chat panel and the composer. */
export const wakeOnIntent = wakeCalls();
