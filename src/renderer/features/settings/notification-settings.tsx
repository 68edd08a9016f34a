import type { AppSettings } from '@shared/contract/settings';
import { useClient } from '../../transport/client-context';
import { saveSettings } from './save-settings';

const KINDS: { kind: keyof AppSettings['notificationKinds']; label: string }[] = [
  { kind: 'permission', label: 'A session asks for permission' },
  { kind: 'finished', label: 'A session finishes its turn' },
  { kind: 'error', label: 'A session fails' },
  { kind: 'pr', label: 'A pull request is merged, closed, reviewed, or its CI turns red or green' },
];

/** Notifications on or off, and per kind. Saved on each click; the desktop app reads them per notification. */
export function NotificationSettings({ settings }: { settings: AppSettings }) {
  const client = useClient();
  const browserSupport = typeof Notification !== 'undefined' && !window.factoryFactory;
  const permission = browserSupport ? Notification.permission : null;
  const { notifications: enabled, notificationKinds: kinds } = settings;
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
      <fieldset className="field" disabled={!enabled}>
        <legend>Desktop notifications for</legend>
        {KINDS.map(({ kind, label }) => (
          <label className="checkbox" key={kind}>
            <input
              type="checkbox"
              checked={kinds[kind]}
              onChange={(e) =>
                void saveSettings(client, { notificationKinds: { ...kinds, [kind]: e.target.checked } })
              }
            />
            {label}
          </label>
        ))}
      </fieldset>
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
