import { useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useRatchet } from '../../stores/ratchet-store';
import { useSettings } from '../../stores/settings-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { RelativeTime } from '../../ui/relative-time';
import { saveSettings } from '../settings/save-settings';
import { RatchetActivityLog } from './ratchet-activity';
import { RATCHET_STATE_LABEL, RATCHET_STATE_TONE, ratchetNow } from './ratchet-labels';
import { RatchetSettingsForm } from './ratchet-settings-form';
import { RatchetCheckNow, RatchetToggle } from './ratchet-toggle';

/** Admin → Ratchet: every Ratchet workspace with its state, last action and next check; the global settings. */
export function RatchetPage() {
  const client = useClient();
  const views = useRatchet((s) => s.byWorkspace);
  const workspaces = useWorkspaces((s) => s.byId);
  const settings = useSettings((s) => s.settings);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = Object.values(views)
    .filter(
      (v) =>
        v.enabled &&
        workspaces[v.workspaceId]?.ratchetEnabled &&
        workspaces[v.workspaceId]?.status !== 'ARCHIVED',
    )
    .sort((a, b) =>
      (workspaces[a.workspaceId]?.name ?? '').localeCompare(workspaces[b.workspaceId]?.name ?? ''),
    );
  return (
    <section className="settings-page" aria-labelledby="ratchet-title">
      <header className="page-header">
        <h1 id="ratchet-title">Ratchet</h1>
      </header>
      <p className="field-hint ratchet-intro">
        Ratchet keeps each opted-in pull request moving: it syncs with the base and asks an agent to fix
        failing CI and review comments, then merges when allowed. Turn it on per workspace.
      </p>
      {rows.length === 0 ? (
        <p className="empty ratchet-intro">No workspace has Ratchet on.</p>
      ) : (
        <table className="ratchet-table" aria-label="Ratchet workspaces">
          <thead>
            <tr>
              <th>Workspace</th>
              <th>State</th>
              <th>Now / next</th>
              <th>Last action</th>
              <th>Next check</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => {
              const workspace = workspaces[v.workspaceId];
              if (!workspace) return null;
              return (
                <tr
                  key={v.workspaceId}
                  aria-selected={selected === v.workspaceId}
                  data-ratchet-state={v.state}
                >
                  <td className="ratchet-workspace">
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => navigate({ name: 'workspace', workspaceId: workspace.id, tab: null })}
                    >
                      {workspace.name}
                    </button>
                  </td>
                  <td data-label="State">
                    <Badge tone={v.stalled ? 'danger' : RATCHET_STATE_TONE[v.state]}>
                      {RATCHET_STATE_LABEL[v.state]}
                    </Badge>
                  </td>
                  <td data-label="Now / next">{ratchetNow(v)}</td>
                  <td data-label="Last action">
                    {v.lastAction ? (
                      <>
                        {v.lastAction.message} (<RelativeTime at={v.lastAction.at} />)
                      </>
                    ) : (
                      <span className="muted">none yet</span>
                    )}
                  </td>
                  <td data-label="Next check">
                    <RelativeTime at={v.nextCheckAt} />
                  </td>
                  <td className="ratchet-row-actions">
                    <RatchetCheckNow workspaceId={workspace.id} />
                    <RatchetToggle workspace={workspace} />
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      onClick={() => setSelected(workspace.id)}
                    >
                      Activity
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {selected && (
        <section className="settings-section" aria-label="Selected workspace's Ratchet activity">
          <h2>Activity of {workspaces[selected]?.name}</h2>
          <RatchetActivityLog workspaceId={selected} />
        </section>
      )}
      {settings && (
        <section className="settings-section" aria-labelledby="ratchet-defaults-title">
          <h2 id="ratchet-defaults-title">Defaults for every workspace</h2>
          <RatchetSettingsForm
            key={JSON.stringify(settings.ratchet)}
            value={settings.ratchet}
            label="Ratchet defaults"
            onSave={async (value) => {
              if (await saveSettings(client, { ratchet: { ...settings.ratchet, ...value } }))
                toast.success('Ratchet defaults saved');
            }}
          />
          <RatchetLimits key={`${settings.ratchet.maxAttempts}-${settings.ratchet.concurrency}`} />
        </section>
      )}
    </section>
  );
}

/** The limits that apply to every workspace: attempts per snapshot, workspaces worked on at once. */
function RatchetLimits() {
  const client = useClient();
  const ratchet = useSettings((s) => s.settings?.ratchet);
  const [attempts, setAttempts] = useState(String(ratchet?.maxAttempts ?? 3));
  const [concurrency, setConcurrency] = useState(String(ratchet?.concurrency ?? 2));
  const [error, setError] = useState<string | null>(null);
  if (!ratchet) return null;
  async function save(event: React.FormEvent) {
    event.preventDefault();
    const maxAttempts = Number(attempts);
    const atOnce = Number(concurrency);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20)
      return setError('Attempts: 1 to 20.');
    if (!Number.isInteger(atOnce) || atOnce < 1 || atOnce > 50) return setError('At once: 1 to 50.');
    setError(null);
    if (
      ratchet &&
      (await saveSettings(client, { ratchet: { ...ratchet, maxAttempts, concurrency: atOnce } }))
    )
      toast.success('Ratchet limits saved');
  }
  return (
    <form className="settings-grid" onSubmit={save} aria-label="Ratchet limits">
      <label className="field">
        <span>Attempts at one failure before Ratchet stalls</span>
        <input
          type="number"
          min={1}
          max={20}
          value={attempts}
          onChange={(e) => setAttempts(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Workspaces worked on at once</span>
        <input
          type="number"
          min={1}
          max={50}
          value={concurrency}
          onChange={(e) => setConcurrency(e.target.value)}
        />
      </label>
      {error && <p className="field-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Save limits
        </button>
      </div>
    </form>
  );
}
