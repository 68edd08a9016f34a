import type { AppSettings } from '@shared/contract/settings';
import { useClient } from '../../transport/client-context';
import { saveSettings } from './save-settings';

/**
 * What only the desktop app does: stay in the menu bar when its window closes, update itself. Shown in the
 * browser too (the settings are shared when both use one data folder), with a hint there.
 */
export function DesktopSettings({ settings }: { settings: AppSettings }) {
  const client = useClient();
  const desktop = Boolean(window.factoryFactory);
  return (
    <section className="settings-section" aria-labelledby="desktop-title">
      <h2 id="desktop-title">Desktop app</h2>
      {!desktop && <p className="field-hint">These apply when Factory Factory runs as the desktop app.</p>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.closeToTray}
          onChange={(e) => void saveSettings(client, { closeToTray: e.target.checked })}
        />
        Keep running in the menu bar (tray) when the window is closed
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.autoUpdate}
          onChange={(e) => void saveSettings(client, { autoUpdate: e.target.checked })}
        />
        Check for updates at start and daily, and download them in the background
      </label>
    </section>
  );
}
