import path from 'node:path';
import {
  app,
  BrowserWindow,
  Menu,
  type MenuItemConstructorOptions,
  type NativeImage,
  nativeImage,
  Tray,
} from 'electron';
import type { AttentionItem } from '../desktop/attention';
import { badgeDotPng } from '../desktop/badge-image';
import { type TrayAction, type TrayMenuInput, trayBadge, trayMenu } from '../desktop/tray-menu';

/**
 * The menu-bar (tray) icon: draws the menu model from tray-menu.ts and dispatches its actions. A template
 * image on macOS (tinted by the system), the yellow icon elsewhere.
 */
export class AppTray {
  private readonly tray: Tray;
  private overlay: NativeImage | null = null;

  constructor(
    resourcesDir: string,
    private readonly input: () => TrayMenuInput,
    private readonly dispatch: (action: TrayAction) => void,
  ) {
    const mac = process.platform === 'darwin';
    const image = nativeImage.createFromPath(path.join(resourcesDir, mac ? 'trayTemplate.png' : 'tray.png'));
    if (mac) image.setTemplateImage(true);
    this.tray = new Tray(image);
    this.tray.on('click', () => {
      if (!mac) dispatch({ type: 'open-window' });
    });
    this.refresh();
  }

  /** Redraws the menu, the badge (dock, taskbar overlay on Windows) and the tooltip. */
  refresh(): void {
    const input = this.input();
    const template: MenuItemConstructorOptions[] = trayMenu(input).map((item) =>
      item.kind === 'separator'
        ? { type: 'separator' }
        : {
            label: item.label,
            enabled: item.enabled,
            click: item.action ? () => this.dispatch(item.action as TrayAction) : undefined,
          },
    );
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
    this.showBadge(input.attention);
  }

  dispose(): void {
    this.tray.destroy();
  }

  private showBadge(attention: AttentionItem[]): void {
    const { count, tooltip } = trayBadge(attention);
    this.tray.setToolTip(tooltip);
    if (process.platform === 'darwin') this.tray.setTitle(count > 0 ? String(count) : '');
    app.setBadgeCount(count);
    if (process.platform === 'win32') {
      // Windows has no badge count: an overlay dot on the taskbar button, the count in its description.
      this.overlay ??= nativeImage.createFromBuffer(badgeDotPng());
      for (const window of BrowserWindow.getAllWindows())
        window.setOverlayIcon(count > 0 ? this.overlay : null, count > 0 ? tooltip : '');
    }
  }
}
