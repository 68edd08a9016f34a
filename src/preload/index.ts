import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge } from '../shared/desktop-bridge';

/**
 * The whole bridge: a few named functions, never a generic invoke. The RPC connection itself is a
 * MessagePort the renderer creates and posts to this window; preload hands it to the main process.
 */
window.addEventListener('message', (event) => {
  if (event.source === window && event.data?.type === 'ff:connect' && event.ports.length === 1) {
    ipcRenderer.postMessage('ff:connect', null, [...event.ports]);
  }
});

const bridge = {
  shell: 'electron',
  platform: process.platform,
  openExternal: (url: string) => ipcRenderer.send('ff:open-external', String(url)),
  restartToUpdate: () => ipcRenderer.send('ff:restart-to-update'),
  onCommand: (listener: (command: unknown) => void) => {
    const forward = (_event: unknown, command: unknown) => listener(command);
    ipcRenderer.on('ff:command', forward);
    return () => {
      ipcRenderer.removeListener('ff:command', forward);
    };
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('factoryFactory', bridge);
