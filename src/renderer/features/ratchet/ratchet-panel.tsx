import type { Workspace } from '@shared/contract/workspaces';
import { toast } from 'sonner';
import { useRatchet } from '../../stores/ratchet-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { RatchetActivityLog } from './ratchet-activity';
import { RatchetLine } from './ratchet-line';
import { RatchetSettingsForm } from './ratchet-settings-form';
import { RatchetCheckNow, RatchetToggle } from './ratchet-toggle';

/**
 * The workspace header's Ratchet section: state and next step, on/off, check now, activity and settings.
 * `withLine={false}` leaves the state out where the header shows it already (a phone).
 */
export function RatchetPanel({ workspace, withLine = true }: { workspace: Workspace; withLine?: boolean }) {
  const client = useClient();
  const view = useRatchet((s) => s.byWorkspace[workspace.id]);
  async function saveOverrides(overrides: Parameters<typeof client.ratchet.updateSettings>[0]['overrides']) {
    try {
      useRatchet
        .getState()
        .upsert(await client.ratchet.updateSettings({ workspaceId: workspace.id, overrides }));
      toast.success(
        overrides
          ? 'Ratchet settings saved for this workspace'
          : 'This workspace uses the global Ratchet settings',
      );
    } catch (error) {
      toast.error('Could not save the Ratchet settings', { description: describeError(error) });
    }
  }
  return (
    <section className="ratchet-panel" aria-label="Ratchet">
      <div className="ratchet-panel-row">
        <RatchetToggle workspace={workspace} />
        {workspace.ratchetEnabled && <RatchetCheckNow workspaceId={workspace.id} />}
        {withLine && <RatchetLine workspace={workspace} />}
      </div>
      <details>
        <summary>Ratchet activity</summary>
        <RatchetActivityLog workspaceId={workspace.id} />
      </details>
      {view && (
        <details>
          <summary>
            Ratchet settings for this workspace{Object.keys(view.overrides).length ? ' (overridden)' : ''}
          </summary>
          <RatchetSettingsForm
            key={JSON.stringify(view.settings)}
            value={view.settings}
            label="Ratchet settings for this workspace"
            onSave={(settings) => saveOverrides(settings)}
            extra={
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => void saveOverrides(null)}
              >
                Use the global settings
              </button>
            }
          />
        </details>
      )}
    </section>
  );
}
