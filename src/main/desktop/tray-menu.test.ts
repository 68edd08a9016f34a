import { describe, expect, it } from 'vitest';
import type { AttentionItem } from './attention';
import { MAX_LISTED, trayBadge, trayMenu } from './tray-menu';

const attention = (n: number): AttentionItem[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'permission',
    title: `Task ${i} needs permission`,
    body: '',
    sessionId: `s${i}`,
    workspaceId: `w${i}`,
    at: n - i,
  }));
const check = { label: 'Check for updates', action: { type: 'check-updates' } } as const;
const labels = (items: ReturnType<typeof trayMenu>) =>
  items.map((i) => (i.kind === 'separator' ? '---' : `${i.label}${i.enabled ? '' : ' (disabled)'}`));

describe('tray menu', () => {
  it('lists the sessions that need the user, then the app commands', () => {
    const menu = trayMenu({ attention: attention(2), working: 3, update: check });
    expect(labels(menu)).toEqual([
      'Task 0 needs permission',
      'Task 1 needs permission',
      '---',
      'Open window',
      'New workspace…',
      'Pause all agents (3)',
      '---',
      'Check for updates',
      '---',
      'Quit Factory Factory',
    ]);
    expect(menu[1]).toMatchObject({ action: { type: 'open-session', sessionId: 's1', workspaceId: 'w1' } });
  });

  it('says when nobody waits and disables pausing with no working agent', () => {
    const menu = trayMenu({ attention: [], working: 0, update: { label: 'Updates are off', action: null } });
    expect(labels(menu)).toEqual([
      'No session needs you (disabled)',
      '---',
      'Open window',
      'New workspace…',
      'Pause all agents (disabled)',
      '---',
      'Updates are off (disabled)',
      '---',
      'Quit Factory Factory',
    ]);
  });

  it(`lists at most ${MAX_LISTED} sessions and sums up the rest`, () => {
    const menu = trayMenu({ attention: attention(MAX_LISTED + 3), working: 0, update: check });
    const sessions = menu.filter((i) => i.kind === 'item' && i.action?.type === 'open-session');
    expect(sessions).toHaveLength(MAX_LISTED);
    expect(menu[MAX_LISTED]).toMatchObject({ label: '3 more…', action: { type: 'open-window' } });
  });

  it('counts the sessions that need the user for the badge', () => {
    expect(trayBadge([])).toEqual({ count: 0, tooltip: 'Factory Factory' });
    expect(trayBadge(attention(1)).tooltip).toBe('Factory Factory: 1 session needs you');
    expect(trayBadge(attention(4))).toEqual({ count: 4, tooltip: 'Factory Factory: 4 sessions need you' });
  });
});
