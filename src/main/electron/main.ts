import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  type IpcMainEvent,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { DesktopCommand } from '../../shared/desktop-bridge';
import { prAlert } from '../../shared/lib/pr-alert';
import { type Core, createCore } from '../core';
import { AttentionTracker } from '../desktop/attention';
import { DEEP_LINK_SCHEME, deepLinkInArgs, parseDeepLink } from '../desktop/deep-link';
import { shouldNotify, shouldNotifyPr } from '../desktop/notification-policy';
import type { TrayAction } from '../desktop/tray-menu';
import { UpdateController } from '../desktop/update-controller';
import { updateMenuEntry } from '../desktop/update-state';
import { restoreWindowState } from '../desktop/window-state';
import { pauseAll, quitConfirmation, workingSessions } from '../desktop/working-agents';
import { serveOverMessagePort } from '../transports/message-port';
import { appMenuTemplate } from './app-menu';
import { AppTray } from './tray';
import { loadAutoUpdater } from './updater';
import { contentSecurityPolicy, isAppUrl, isSafeExternalUrl, mainWindowOptions } from './window-policy';

/**
 * The desktop entry: the same core as `ff serve`, reached by the renderer over a MessagePort instead of a
 * WebSocket, plus what a desktop app adds: tray, badge, native notifications, auto-update, quit confirmation.
 * The decisions live in ../desktop (plain Node, unit-tested); this file only connects them to Electron.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const resourcesDir = path.join(here, '../../resources');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

let core: Core | null = null;
let win: BrowserWindow | null = null;
/** no: running; asking: the quit confirmation is open; stopping: the core is being disposed; done: exit. */
let quitting: 'no' | 'asking' | 'stopping' | 'done' = 'no';

function fromOurWindow(event: IpcMainEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url, appUrl);
}

const windowStateFile = () => path.join(app.getPath('userData'), 'window-state.json');

/** Where the window was last time, if that still fits the screens (a bad or missing file is ignored). */
function savedWindowState() {
  try {
    const saved: unknown = JSON.parse(readFileSync(windowStateFile(), 'utf8'));
    return restoreWindowState(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    );
  } catch {
    return null;
  }
}

function saveWindowState(window: BrowserWindow): void {
  try {
    const state = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    writeFileSync(windowStateFile(), JSON.stringify(state));
  } catch {
    // Losing the window position is not worth an error.
  }
}

function createWindow(closeToTray: () => boolean): BrowserWindow {
  const saved = savedWindowState();
  const { maximized, ...bounds } = saved ?? { maximized: false };
  const created = new BrowserWindow({
    ...mainWindowOptions(path.join(here, '../preload/index.cjs')),
    ...bounds,
  });
  created.once('ready-to-show', () => {
    if (maximized) created.maximize();
    created.show();
  });
  created.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  created.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  created.on('close', (event) => {
    saveWindowState(created);
    if (quitting !== 'no' || !closeToTray()) return;
    event.preventDefault();
    created.hide();
  });
  created.webContents.on('did-finish-load', () => windowLoaded());
  void created.loadURL(appUrl);
  return created;
}

let windowLoaded = () => {};

/** Tells the window something without showing it (nothing when it is closed). */
function sendToWindow(command: DesktopCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send('ff:command', command);
}

/** Shows the window (recreating it if it was closed) and optionally tells it what to open. */
function showWindow(closeToTray: () => boolean, command?: DesktopCommand): void {
  if (!win || win.isDestroyed()) win = createWindow(closeToTray);
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  if (command) win.webContents.send('ff:command', command);
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  // safeStorage answers only after ready; without a keychain the core keeps secrets in a user-only file.
  const started = await createCore({
    shell: 'electron',
    defaultDataDir: app.getPath('userData'),
    safeStorage,
  });
  if (!started.ok) {
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

  const closeToTray = () => services.settings.get().closeToTray;
  const attention = new AttentionTracker({
    onEvent: (listener) => services.events.on(listener),
    sessions: () => services.sessions.list(),
  });
  const updates = new UpdateController({
    packaged: app.isPackaged,
    automatic: () => services.settings.get().autoUpdate,
    loadUpdater: () => loadAutoUpdater(services.logger),
    every: (ms, fn) => {
      const timer = setInterval(fn, ms);
      return () => clearInterval(timer);
    },
    onChange: (state) => {
      tray.refresh();
      if (state.phase === 'ready') sendToWindow({ type: 'update-ready', version: state.version });
    },
    log: (message) => services.logger.warn(message),
  });
  ipcMain.on('ff:restart-to-update', (event) => {
    if (fromOurWindow(event)) void updates.restartToUpdate();
  });
  // A window (re)loaded after the download still offers the restart.
  windowLoaded = () => {
    const state = updates.state;
    if (state.phase === 'ready') sendToWindow({ type: 'update-ready', version: state.version });
  };
  const open = (command?: DesktopCommand) => showWindow(closeToTray, command);
  const dispatch = (action: TrayAction): void => {
    switch (action.type) {
      case 'open-session':
        attention.seen(action.sessionId);
        open({ type: 'open-session', workspaceId: action.workspaceId, sessionId: action.sessionId });
        return;
      case 'open-window':
        open();
        return;
      case 'new-workspace':
        open({ type: 'new-workspace' });
        return;
      case 'pause-all':
        pauseAll(services.sessions.list(), (id) => services.sessions.cancel(id));
        return;
      case 'check-updates':
        void updates.check();
        return;
      case 'restart-to-update':
        void updates.restartToUpdate();
        return;
      case 'quit':
        app.quit();
    }
  };
  const tray = new AppTray(
    resourcesDir,
    () => ({
      attention: attention.list(),
      working: workingSessions(services.sessions.list()).length,
      update: updateMenuEntry(updates.state),
    }),
    dispatch,
  );

  attention.onChange((_items, raised) => {
    tray.refresh();
    const windowFocused = Boolean(win && !win.isDestroyed() && win.isFocused());
    if (!raised || !Notification.isSupported()) return;
    if (!shouldNotify(raised, { settings: services.settings.get(), windowFocused })) return;
    const notification = new Notification({ title: raised.title, body: raised.body });
    const { sessionId, workspaceId } = raised;
    notification.on('click', () => dispatch({ type: 'open-session', sessionId, workspaceId }));
    notification.show();
  });
  let automatic = services.settings.get().autoUpdate;
  let working = workingSessions(services.sessions.list()).length;
  // A workspace's pull request that was merged, closed, went red or green, or got a review: a native
  // notification that opens the workspace (the window's own PR facts show the rest).
  const prSeen = new Map(services.workspaces.list({ includeArchived: false }).map((w) => [w.id, w]));
  services.events.on((event) => {
    if (event.type !== 'workspace.changed') return;
    const alert = prAlert(prSeen.get(event.workspace.id), event.workspace);
    prSeen.set(event.workspace.id, event.workspace);
    if (!alert || !Notification.isSupported() || !shouldNotifyPr(services.settings.get())) return;
    const notification = new Notification(alert);
    notification.on('click', () => open({ type: 'open-workspace', workspaceId: event.workspace.id }));
    notification.show();
  });
  services.events.on((event) => {
    // The menu's "Pause all agents (n)" follows the working count; other session changes do not redraw it.
    if (event.type === 'session.changed') {
      const now = workingSessions(services.sessions.list()).length;
      if (now !== working) tray.refresh();
      working = now;
    }
    if (event.type === 'settings.changed' && event.settings.autoUpdate !== automatic) {
      automatic = event.settings.autoUpdate;
      updates.start();
    }
  });
  disposeShell = () => {
    updates.dispose();
    attention.dispose();
    tray.dispose();
  };

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        newWorkspace: () => dispatch({ type: 'new-workspace' }),
        checkForUpdates: () => dispatch({ type: 'check-updates' }),
        revealLogs: () => void shell.openPath(services.info.logsDir),
      }),
    ),
  );
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  win = createWindow(closeToTray);
  const firstLink = pendingLink ?? deepLinkInArgs(process.argv);
  if (firstLink) win.webContents.once('did-finish-load', () => open(firstLink));
  openLink = (command) => open(command);
  app.on('second-instance', (_event, argv) => open(deepLinkInArgs(argv) ?? undefined));
  app.on('activate', () => open());
  updates.start();
}

/** A deep link that arrived before the window existed (macOS sends `open-url` at launch). */
let pendingLink: DesktopCommand | null = null;
let openLink = (command: DesktopCommand) => {
  pendingLink = command;
};
app.on('open-url', (event, url) => {
  event.preventDefault();
  const command = parseDeepLink(url);
  if (command) openLink(command);
});

let disposeShell: () => void = () => {};

async function confirmAndQuit(): Promise<void> {
  if (!core) return;
  const ask = quitConfirmation(core.services.sessions.list());
  if (ask) {
    quitting = 'asking';
    const { response } = await dialog.showMessageBox({
      type: 'question',
      message: ask.message,
      detail: ask.detail,
      buttons: ask.buttons,
      defaultId: ask.defaultId,
      cancelId: ask.cancelId,
    });
    if (response !== ask.quitId) {
      quitting = 'no';
      return;
    }
  }
  quitting = 'stopping';
  disposeShell();
  // Stops every agent, PTY and script, then closes the database, before the process exits.
  await core.dispose().catch((error: unknown) => core?.services.logger.error('Core shutdown failed', error));
  quitting = 'done';
  app.quit();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', (event) => {
  if (quitting === 'done' || !core) return;
  event.preventDefault();
  if (quitting === 'no') void confirmAndQuit();
});

void start();
