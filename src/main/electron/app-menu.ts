import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  newWorkspace(): void;
  checkForUpdates(): void;
  revealLogs(): void;
}

/**
 * The native application menu with the usual roles (kept free of runtime Electron imports so it is unit-tested):
 * the app menu on macOS, File, Edit, View, Window, and Help → Reveal logs.
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'Alt+N', click: () => actions.newWorkspace() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
        { label: 'Reveal Logs', click: () => actions.revealLogs() },
      ],
    },
  ];
}
