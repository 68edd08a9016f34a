import type { AppSettings } from '@shared/contract/settings';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { AgentSettings } from './agent-settings';
import { DesktopSettings } from './desktop-settings';
import { EditorSettings } from './editor-settings';
import { GitHubSettings } from './github-settings';
import { NotificationSettings } from './notification-settings';
import { PromptSettings } from './prompt-settings';
import { ProviderSettings } from './provider-settings';
import { RemoteAccessSettings } from './remote-access-settings';
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
      <RemoteAccessSettings />
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
      <NotificationSettings settings={settings} />
      <DesktopSettings settings={settings} />
      <EditorSettings key={JSON.stringify(settings.customEditor)} editor={settings.customEditor} />
      <AgentSettings key={settingsKey(settings)} settings={settings} />
      <ProviderSettings key={JSON.stringify(settings.providers)} settings={settings} />
      <SandboxSettings settings={settings} />
      <GitHubSettings host={settings.githubHost} />
      <PromptSettings />
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
            <dt>API keys and tokens</dt>
            <dd>
              {system.secrets.kind === 'keychain'
                ? 'Encrypted with the OS keychain, in '
                : 'In a file only you can read: '}
              <span className="mono">{system.secrets.path}</span>
              {system.secrets.note && (
                <p className="field-hint" role="note">
                  {system.secrets.note}
                </p>
              )}
            </dd>
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
