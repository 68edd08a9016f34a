import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './app-menu';

describe('application menu', () => {
  it('has the usual roles and Help → Reveal logs', () => {
    const calls: string[] = [];
    const menu = appMenuTemplate('linux', {
      newWorkspace: () => calls.push('new'),
      checkForUpdates: () => calls.push('updates'),
      revealLogs: () => calls.push('logs'),
    });
    expect(menu.map((m) => m.role ?? m.label)).toEqual([
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
    const help = menu.at(-1)?.submenu as Array<{ label: string; click: () => void }>;
    help.find((i) => i.label === 'Reveal Logs')?.click();
    const file = menu[0]?.submenu as Array<{ label?: string; role?: string; click?: () => void }>;
    file[0]?.click?.();
    expect(calls).toEqual(['logs', 'new']);
    expect(file.at(-1)).toEqual({ role: 'quit' });
  });

  it('starts with the app menu on macOS', () => {
    const menu = appMenuTemplate('darwin', { newWorkspace() {}, checkForUpdates() {}, revealLogs() {} });
    expect(menu[0]).toEqual({ role: 'appMenu' });
  });
});
