import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, type IpcMainEvent, ipcMain, session, shell } from 'electron';
import { type Core, createCore } from '../core';
import { serveOverMessagePort } from '../transports/message-port';
import { contentSecurityPolicy, isAppUrl, isSafeExternalUrl, mainWindowOptions } from './window-policy';

/**
 * The desktop entry: the same core as `ff serve`, reached by the renderer over a MessagePort instead of a
 * WebSocket. Tray, notifications and auto-update land with the desktop-shell issue.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

let core: Core | null = null;

function fromOurWindow(event: IpcMainEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url, appUrl);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs')));
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  void win.loadURL(appUrl);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const started = await createCore({ shell: 'electron', defaultDataDir: app.getPath('userData') });
  if (!started.ok) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Factory Factory cannot start', started.error.message);
    app.exit(1);
    return;
  }
  core = started.value;
  const services = core.services;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy(devServerUrl)],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications' || permission === 'clipboard-sanitized-write'),
  );

  ipcMain.on('ff:connect', (event) => {
    const [port] = event.ports;
    if (!port || !fromOurWindow(event)) return;
    serveOverMessagePort(port, services);
  });
  ipcMain.on('ff:open-external', (event, url: unknown) => {
    if (fromOurWindow(event) && typeof url === 'string' && isSafeExternalUrl(url))
      void shell.openExternal(url);
  });

  let win = createWindow();
  app.on('second-instance', () => {
    if (win.isDestroyed()) win = createWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  // Dispose the core (agents, PTYs, database) before the process exits.
  event.preventDefault();
  quitting = true;
  void core.dispose().finally(() => app.quit());
});

void start();
