import type { AutoUpdaterPort } from '../desktop/update-controller';
import type { Logger } from '../logging/logger';

/**
 * electron-updater's autoUpdater, loaded only when a packaged app checks for updates. It reads the publish
 * config (GitHub releases) that electron-builder writes into the app, and verifies downloads itself.
 */
export async function loadAutoUpdater(logger: Logger): Promise<AutoUpdaterPort> {
  const { default: updater } = await import('electron-updater');
  updater.autoUpdater.logger = logger;
  return updater.autoUpdater;
}
