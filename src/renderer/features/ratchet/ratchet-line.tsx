import type { Workspace } from '@shared/contract/workspaces';
import { useRatchet } from '../../stores/ratchet-store';
import { Badge } from '../../ui/badge';
import { RATCHET_STATE_LABEL, RATCHET_STATE_TONE, ratchetNow } from './ratchet-labels';

/** Ratchet's state and what it does next, for the card and the workspace header; nothing while it is off. */
export function RatchetLine({ workspace }: { workspace: Workspace }) {
  const view = useRatchet((s) => s.byWorkspace[workspace.id]);
  if (!workspace.ratchetEnabled || !view?.enabled) return null;
  return (
    <p
      className="ratchet-line"
      data-ratchet-state={view.state}
      data-stalled={view.stalled ? 'true' : undefined}
    >
      <Badge
        tone={view.stalled ? 'danger' : RATCHET_STATE_TONE[view.state]}
        label={`Ratchet ${RATCHET_STATE_LABEL[view.state]}`}
      >
        Ratchet · {RATCHET_STATE_LABEL[view.state]}
      </Badge>{' '}
      <span className="ratchet-next">{ratchetNow(view)}</span>
    </p>
  );
}
