import type { Workspace } from '@shared/contract/workspaces';
import { useState } from 'react';
import { toast } from 'sonner';
import { useRatchet } from '../../stores/ratchet-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';

/** Turns Ratchet on or off for one workspace (off stops its session and acts on nothing more). */
export function RatchetToggle({ workspace }: { workspace: Workspace }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const enabled = workspace.ratchetEnabled;
  async function toggle() {
    setBusy(true);
    try {
      useRatchet
        .getState()
        .upsert(await client.ratchet.setEnabled({ workspaceId: workspace.id, enabled: !enabled }));
    } catch (error) {
      toast.error(`Could not turn Ratchet ${enabled ? 'off' : 'on'}`, { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      type="button"
      className="btn btn-small"
      role="switch"
      aria-checked={enabled}
      aria-label={`Ratchet for ${workspace.name}`}
      title={
        enabled
          ? 'Ratchet keeps this PR moving; click to turn it off'
          : 'Let Ratchet fix CI and reviews and merge'
      }
      disabled={busy || workspace.status !== 'READY'}
      onClick={() => void toggle()}
    >
      Ratchet {enabled ? 'on' : 'off'}
    </button>
  );
}

/** Asks Ratchet to check the workspace's PR now. */
export function RatchetCheckNow({ workspaceId }: { workspaceId: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  async function check() {
    setBusy(true);
    try {
      for (const view of await client.ratchet.checkNow({ workspaceId })) useRatchet.getState().upsert(view);
    } catch (error) {
      toast.error('Ratchet could not check now', { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void check()}>
      Check now
    </button>
  );
}
