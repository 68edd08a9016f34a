import type { Session, SessionStatus } from '../contract/sessions';

export type AlertKind = 'permission' | 'error' | 'finished';

export interface SessionAlert {
  kind: AlertKind;
  title: string;
  body: string;
}

/**
 * What, if anything, to tell the user about a session's status change: it started asking for permission,
 * it failed, or a turn finished (running → idle). Nothing for the first sighting of a session.
 */
export function sessionAlert(previous: SessionStatus | undefined, session: Session): SessionAlert | null {
  if (previous === undefined || previous === session.status) return null;
  const name = session.title;
  switch (session.status) {
    case 'AWAITING_PERMISSION': {
      const request = session.pendingPermissions[0];
      return {
        kind: 'permission',
        title: `${name} needs permission`,
        body: request?.title ?? 'The agent is waiting.',
      };
    }
    case 'ERROR':
      return {
        kind: 'error',
        title: `${name} failed`,
        body: session.statusReason ?? 'The agent stopped with an error.',
      };
    case 'IDLE':
      return previous === 'RUNNING' || previous === 'AWAITING_PERMISSION'
        ? { kind: 'finished', title: `${name} finished`, body: 'The agent is waiting for your next prompt.' }
        : null;
    default:
      return null;
  }
}
