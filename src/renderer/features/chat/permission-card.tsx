import type { ContractClient } from '@shared/contract';
import type { PermissionDecisionKind } from '@shared/contract/sessions';
import type { PermissionItem } from '@shared/lib/transcript';
import { memo, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';

export const PERMISSION_KEYS: Record<
  PermissionDecisionKind,
  { key: string; label: string; shortcut: string }
> = {
  allow_once: { key: 'y', label: 'Allow', shortcut: 'Y' },
  allow_always: { key: 'a', label: 'Always allow', shortcut: 'A' },
  reject: { key: 'n', label: 'Reject', shortcut: 'N' },
};

const ORDER: PermissionDecisionKind[] = ['allow_once', 'allow_always', 'reject'];

/** The decisions an item's ACP options allow (by kind, never by id: ids differ per agent). */
export function choicesOf(item: PermissionItem): PermissionDecisionKind[] {
  if (!item.options.length) return ORDER;
  const kinds = new Set(item.options.map((o) => o.kind));
  return ORDER.filter((c) =>
    c === 'reject' ? kinds.has('reject_once') || kinds.has('reject_always') : kinds.has(c),
  );
}

export function answerPermission(
  client: ContractClient,
  sessionId: string,
  requestId: string,
  decision: PermissionDecisionKind,
) {
  return client.sessions.answerPermission({ sessionId, requestId, decision });
}

function decisionText(item: PermissionItem): string {
  const d = item.decision;
  if (!d) return 'No longer pending';
  if (d.outcome === 'cancelled') return 'Cancelled';
  const verb = d.optionKind?.startsWith('reject')
    ? 'Rejected'
    : d.optionKind === 'allow_always'
      ? 'Always allowed'
      : 'Allowed';
  return d.by && d.by !== 'user' ? `${verb} (by ${d.by})` : verb;
}

/**
 * An inline permission request. While pending: Allow / Always allow / Reject buttons, and the keys Y / A / N
 * while the card has focus (Alt+Y / Alt+A / Alt+N anywhere in the chat answer the oldest pending card).
 */
export const PermissionCard = memo(function PermissionCard(props: {
  item: PermissionItem;
  sessionId: string;
  pending: boolean;
  /** The decisions offered, when known from the session rather than the item's ACP options. */
  choices?: PermissionDecisionKind[];
}) {
  const client = useClient();
  const { item, sessionId, pending } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices = props.choices ?? choicesOf(item);
  const answer = async (decision: PermissionDecisionKind) => {
    setBusy(true);
    setError(null);
    try {
      await answerPermission(client, sessionId, item.requestId, decision);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const live = pending && !item.decision;
  return (
    <section
      className="ff-permission"
      data-state={live ? 'pending' : 'decided'}
      aria-label={`Permission request: ${item.title}`}
      tabIndex={live ? 0 : undefined}
      onKeyDown={(e) => {
        if (!live || busy || e.altKey || e.ctrlKey || e.metaKey || e.target !== e.currentTarget) return;
        const choice = choices.find((c) => PERMISSION_KEYS[c].key === e.key.toLowerCase());
        if (choice) {
          e.preventDefault();
          void answer(choice);
        }
      }}
    >
      <div className="ff-permission-title">
        <strong>Permission needed</strong> <span>{item.title}</span>
      </div>
      {live ? (
        <div className="ff-permission-actions">
          {choices.map((c) => (
            <button
              key={c}
              type="button"
              className={c === 'reject' ? 'btn btn-danger' : c === 'allow_once' ? 'btn btn-primary' : 'btn'}
              disabled={busy}
              aria-label={PERMISSION_KEYS[c].label}
              aria-keyshortcuts={`${PERMISSION_KEYS[c].shortcut} Alt+${PERMISSION_KEYS[c].shortcut}`}
              onClick={() => void answer(c)}
            >
              {PERMISSION_KEYS[c].label} <kbd>{PERMISSION_KEYS[c].shortcut}</kbd>
            </button>
          ))}
        </div>
      ) : (
        <p className="ff-permission-decision" role="status">
          {decisionText(item)}
        </p>
      )}
      <FieldError message={error} />
    </section>
  );
});
