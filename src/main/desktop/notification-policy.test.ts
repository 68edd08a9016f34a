import { describe, expect, it } from 'vitest';
import type { AlertKind } from '../../shared/lib/session-alert';
import type { AttentionItem } from './attention';
import { shouldNotify, shouldNotifyPr } from './notification-policy';

const item = (kind: AlertKind): AttentionItem => ({
  kind,
  title: 't',
  body: 'b',
  sessionId: 's',
  workspaceId: 'w',
  at: 1,
});
const allKinds = { permission: true, finished: true, error: true, pr: true };

describe('native notification policy', () => {
  it.each<[AlertKind, boolean, boolean]>([
    ['permission', true, true],
    ['permission', false, true],
    ['error', true, true],
    ['error', false, true],
    ['finished', false, true],
    ['finished', true, false],
  ])('%s with the window focused=%s notifies: %s', (kind, windowFocused, expected) => {
    expect(
      shouldNotify(item(kind), {
        settings: { notifications: true, notificationKinds: allKinds },
        windowFocused,
      }),
    ).toBe(expected);
  });

  it('honours the per-kind switches and the master switch', () => {
    const settings = { notifications: true, notificationKinds: { ...allKinds, error: false } };
    expect(shouldNotify(item('error'), { settings, windowFocused: false })).toBe(false);
    expect(shouldNotify(item('permission'), { settings, windowFocused: false })).toBe(true);
    const off = { notifications: false, notificationKinds: allKinds };
    expect(shouldNotify(item('permission'), { settings: off, windowFocused: false })).toBe(false);
  });

  it('a pull request change notifies whether or not the window is focused, unless its kind or all are off', () => {
    const on = { notifications: true, notificationKinds: allKinds };
    expect(shouldNotifyPr(on)).toBe(true);
    expect(shouldNotifyPr({ ...on, notificationKinds: { ...allKinds, pr: false } })).toBe(false);
    expect(shouldNotifyPr({ ...on, notifications: false })).toBe(false);
  });
});
