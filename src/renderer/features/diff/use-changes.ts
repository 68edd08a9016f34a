import type { WorkspaceChanges } from '@shared/contract/workspaces';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';

/**
 * The workspace's changes. Reloaded when the workspace changes, when one of its sessions ends a turn or a
 * tool call finishes (agents write files then), on reconnect, and on demand; never polled.
 */
export function useChanges(workspaceId: string) {
  const client = useClient();
  const [changes, setChanges] = useState<WorkspaceChanges | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const epoch = useConnection((s) => s.epoch);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const next = await client.workspaces.changes({ id: workspaceId });
      if (mine !== request.current) return;
      setChanges(next);
      setError(null);
    } catch (e) {
      if (mine === request.current) setError(describeError(e));
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, [client, workspaceId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: epoch is the reconnect trigger
  useEffect(() => {
    void reload();
  }, [reload, epoch]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 250);
    };
    const off = onDomainEvent((event) => {
      if (event.type === 'workspace.changed' && event.workspace.id === workspaceId) soon();
      // Session log entries are not on the board stream (events.sessionLog carries them), so the diff follows
      // turn ends rather than each finished tool call.
      else if (
        event.type === 'session.changed' &&
        event.session.workspaceId === workspaceId &&
        event.session.status === 'IDLE'
      )
        soon();
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [workspaceId, reload]);

  return { changes, error, loading, reload };
}
