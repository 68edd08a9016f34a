import type { ContractClient } from '@shared/contract';
import type { Editor } from '@shared/contract/editors';
import { useEffect } from 'react';
import { toast } from 'sonner';
import { create } from 'zustand';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';

/** The editors found on the machine running the core, loaded once (the header and the palette offer them). */
export const useEditors = create<{ editors: Editor[] | null; loading: boolean }>(() => ({
  editors: null,
  loading: false,
}));

export async function loadEditors(client: ContractClient): Promise<void> {
  if (useEditors.getState().editors || useEditors.getState().loading) return;
  useEditors.setState({ loading: true });
  try {
    useEditors.setState({ editors: await client.editors.list() });
  } catch (error) {
    toast.error('Could not list editors', { description: describeError(error) });
  } finally {
    useEditors.setState({ loading: false });
  }
}

export async function openInEditor(
  client: ContractClient,
  workspaceId: string,
  editor: Editor,
): Promise<void> {
  try {
    await client.editors.open({ workspaceId, editorId: editor.id });
  } catch (error) {
    toast.error(`Could not open in ${editor.label}`, { description: describeError(error) });
  }
}

/** "Open in…": a native select, so it is keyboard-friendly and fits a narrow header. */
export function OpenInEditor({ workspaceId, disabled }: { workspaceId: string; disabled: boolean }) {
  const client = useClient();
  const editors = useEditors((s) => s.editors);
  useEffect(() => {
    void loadEditors(client);
  }, [client]);
  if (!editors?.length) return null;
  return (
    <select
      className="btn btn-small"
      aria-label="Open worktree in"
      value=""
      disabled={disabled}
      onChange={(event) => {
        const editor = editors.find((e) => e.id === event.target.value);
        if (editor) void openInEditor(client, workspaceId, editor);
      }}
    >
      <option value="" disabled>
        Open in…
      </option>
      {editors.map((e) => (
        <option key={e.id} value={e.id}>
          {e.label}
        </option>
      ))}
    </select>
  );
}
