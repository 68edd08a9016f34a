import type { RatchetActivity } from '@shared/contract/ratchet';
import { useEffect, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';
import { RelativeTime } from '../../ui/relative-time';
import { openExternal } from '../workspace/open-external';

/** A workspace's Ratchet activity log, newest first, live. */
export function RatchetActivityLog({ workspaceId }: { workspaceId: string }) {
  const client = useClient();
  const [entries, setEntries] = useState<RatchetActivity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const pushed: RatchetActivity[] = [];
    const off = onDomainEvent((event) => {
      if (event.type !== 'ratchet.activity' || event.entry.workspaceId !== workspaceId) return;
      pushed.push(event.entry);
      setEntries((current) =>
        current ? [event.entry, ...current.filter((e) => e.id !== event.entry.id)] : current,
      );
    });
    client.ratchet
      .activity({ workspaceId, limit: 200 })
      .then((loaded) => {
        if (!live) return;
        const known = new Set(loaded.map((e) => e.id));
        setEntries([...pushed.filter((e) => !known.has(e.id)).reverse(), ...loaded]);
      })
      .catch((e) => live && setError(describeError(e)));
    return () => {
      live = false;
      off();
    };
  }, [client, workspaceId]);
  if (error) return <p className="field-error">{error}</p>;
  if (!entries) return <p className="field-hint">Loading Ratchet activity…</p>;
  if (entries.length === 0) return <p className="field-hint">Ratchet has not done anything here yet.</p>;
  return (
    <ol className="ratchet-activity" aria-label="Ratchet activity">
      {entries.map((e) => (
        <li key={e.id} data-kind={e.kind}>
          <RelativeTime at={e.at} /> <span className="ratchet-activity-message">{e.message}</span>
          {e.links.map((l) => (
            <a
              key={l.url}
              href={l.url}
              target="_blank"
              rel="noreferrer"
              onClick={(ev) => openExternal(ev, l.url)}
            >
              {l.label}
            </a>
          ))}
        </li>
      ))}
    </ol>
  );
}
