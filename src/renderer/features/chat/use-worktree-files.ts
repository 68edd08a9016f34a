import { useEffect, useState } from 'react';
import { client } from '../../transport/client';

/**
 * Paths the composer offers after `@`. The workspaces contract has no call that lists every file of a
 * worktree yet, so this offers the files the workspace changed (vs its base, and uncommitted).
 */
export function useWorktreeFiles(workspaceId: string): string[] {
  const [files, setFiles] = useState<string[]>([]);
  useEffect(() => {
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
  }, [workspaceId]);
  return files;
}
