import type { DesktopBridge } from '@shared/desktop-bridge';

declare global {
  interface Window {
    /** Present only in the desktop app (preload); undefined in a browser. */
    factoryFactory?: DesktopBridge;
  }
}
