import { describe, expect, it } from 'vitest';
import type { Session, SessionStatus } from '../contract/sessions';
import { sessionAlert } from './session-alert';

const session = (status: SessionStatus, extra: Partial<Session> = {}) =>
  ({ id: 's1', title: 'Fix login', status, statusReason: null, pendingPermissions: [], ...extra }) as Session;

describe('sessionAlert', () => {
  it.each<[SessionStatus | undefined, SessionStatus, string | null]>([
    [undefined, 'AWAITING_PERMISSION', null],
    ['RUNNING', 'RUNNING', null],
    ['RUNNING', 'AWAITING_PERMISSION', 'permission'],
    ['RUNNING', 'ERROR', 'error'],
    ['STARTING', 'ERROR', 'error'],
    ['RUNNING', 'IDLE', 'finished'],
    ['AWAITING_PERMISSION', 'IDLE', 'finished'],
    ['STARTING', 'IDLE', null],
    ['IDLE', 'RUNNING', null],
    ['RUNNING', 'STOPPED', null],
  ])('%s → %s gives %s', (previous, next, kind) => {
    expect(sessionAlert(previous, session(next))?.kind ?? null).toBe(kind);
  });

  it('names the permission request and the error reason', () => {
    const asking = session('AWAITING_PERMISSION', {
      pendingPermissions: [
        {
          requestId: 'r',
          title: 'Write README.md',
          toolKind: 'edit',
          toolCallId: null,
          locations: [],
          choices: [],
          createdAt: 1,
        },
      ],
    });
    expect(sessionAlert('RUNNING', asking)).toEqual({
      kind: 'permission',
      title: 'Fix login needs permission',
      body: 'Write README.md',
    });
    expect(sessionAlert('RUNNING', session('ERROR', { statusReason: 'Not signed in' }))?.body).toBe(
      'Not signed in',
    );
  });
});
