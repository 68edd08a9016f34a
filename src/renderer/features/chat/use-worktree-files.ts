import { useEffect, useState } from 'react';
import { useClient } from '../../transport/client-context';

/**
 * Paths the composer offers after `@`, read when a mention starts (so they are fresh, and opening a chat
 * costs no git call). The workspaces contract has no call that lists every file of a worktree yet, so this
 * offers the files the workspace changed (vs its base, and uncommitted).
 */
export function useWorktreeFiles(workspaceId: string, wanted: boolean): string[] {
  const client = useClient();
  const [files, setFiles] = useState<string[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    client.workspaces
      .changes({ id: workspaceId })
      .then((changes) => {
        if (!live) return;
        const paths = new Set([...changes.vsBase, ...changes.vsHead].map((c) => c.path));
        setFiles([...paths].sort());
      })
      .catch(() => live && setFiles([]));
    return () => {
      live = false;
    };
  }, [client, workspaceId, wanted]);
  return files;
}
