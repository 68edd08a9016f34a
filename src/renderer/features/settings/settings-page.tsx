import type { AppSettings } from '@shared/contract/settings';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { AgentSettings } from './agent-settings';
import { GitHubSettings } from './github-settings';
import { ProviderSettings } from './provider-settings';
import { SandboxSettings } from './sandbox-settings';
import { saveSettings } from './save-settings';

const themes: { value: AppSettings['theme']; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage() {
  const client = useClient();
  const settings = useSettings((s) => s.settings);
  const system = useSettings((s) => s.system);
  if (!settings) return <p className="empty">Loading settings…</p>;
  return (
    <section className="settings-page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <section className="settings-section" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset className="segmented">
          <legend>Theme</legend>
          {themes.map((t) => (
            <label key={t.value}>
              <input
                type="radio"
                name="theme"
                value={t.value}
                checked={settings.theme === t.value}
                onChange={() => void saveSettings(client, { theme: t.value })}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
      </section>
      <NotificationSettings enabled={settings.notifications} />
      <AgentSettings key={settingsKey(settings)} settings={settings} />
      <ProviderSettings key={JSON.stringify(settings.providers)} settings={settings} />
      <SandboxSettings settings={settings} />
      <GitHubSettings host={settings.githubHost} />
      <section className="settings-section" aria-labelledby="data-title">
        <h2 id="data-title">Data</h2>
        {system ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{system.version}</dd>
            <dt>Running as</dt>
            <dd>{system.shell}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{system.dataDir}</dd>
            <dt>Database</dt>
            <dd className="mono">{system.databasePath}</dd>
            <dt>Logs</dt>
            <dd className="mono">{system.logsDir}</dd>
          </dl>
        ) : (
          <p className="field-hint">Loading…</p>
        )}
      </section>
    </section>
  );
}

/** Re-mount the agent form when the stored values change elsewhere (another window). */
function settingsKey(s: AppSettings): string {
  return JSON.stringify([
    s.defaultPermissionPreset,
    s.maxRunningAgents,
    s.maxStartingAgents,
    s.agentReplyTimeoutMs,
    s.sessionBudget,
    s.idleHibernateMs,
  ]);
}

function NotificationSettings({ enabled }: { enabled: boolean }) {
  const client = useClient();
  const browserSupport = typeof Notification !== 'undefined' && !window.factoryFactory;
  const permission = browserSupport ? Notification.permission : null;
  return (
    <section className="settings-section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => void saveSettings(client, { notifications: e.target.checked })}
        />
        Notify me when a session needs permission, fails or finishes while I am looking elsewhere
      </label>
      {browserSupport && permission !== 'granted' && (
        <p className="field-hint">
          Browser notifications are {permission === 'denied' ? 'blocked for this site' : 'not allowed yet'}.
          The in-app inbox still collects them.{' '}
          {permission === 'default' && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void Notification.requestPermission()}
            >
              Allow browser notifications
            </button>
          )}
        </p>
      )}
    </section>
  );
}
