import { CustomEditor } from '@shared/contract/editors';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { useClient } from '../../transport/client-context';
import { FieldError } from '../../ui/field-error';
import { saveSettings } from './save-settings';

/**
 * The custom "Open in" command: a program and its arguments, one per line, started without a shell.
 * `{path}` in an argument is replaced by the worktree's folder, which is appended when no argument names it.
 */
export function EditorSettings({ editor }: { editor: CustomEditor | null }) {
  const client = useClient();
  const [label, setLabel] = useState(editor?.label ?? '');
  const [command, setCommand] = useState(editor?.command ?? '');
  const [args, setArgs] = useState((editor?.args ?? []).join('\n'));
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = CustomEditor.safeParse({
      label,
      command: command.trim(),
      args: args
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(`${issue?.path[0] === 'command' ? 'Command' : 'Name'}: enter a value`);
    }
    setError(null);
    if (await saveSettings(client, { customEditor: parsed.data })) toast.success('Custom editor saved');
  }

  async function remove() {
    if (await saveSettings(client, { customEditor: null })) toast.success('Custom editor removed');
  }

  return (
    <section className="settings-section" aria-labelledby="editor-title">
      <h2 id="editor-title">Open in editor</h2>
      <p className="field-hint">
        VS Code, Cursor and Zed are offered when installed. Add any other program here; it is started with its
        arguments as a list, never through a shell. <code>{'{path}'}</code> in an argument is replaced by the
        workspace folder, which is otherwise added last.
      </p>
      <form className="settings-grid" onSubmit={save} aria-label="Custom editor">
        <label className="field">
          <span>Name</span>
          <input value={label} placeholder="Sublime Text" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="field">
          <span>Command</span>
          <input
            className="mono"
            value={command}
            placeholder="subl or /usr/local/bin/subl"
            onChange={(e) => setCommand(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Editor arguments (one per line)</span>
          <textarea className="mono" rows={2} value={args} onChange={(e) => setArgs(e.target.value)} />
        </label>
        <FieldError message={error} />
        <div className="form-actions">
          {editor && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove()}>
              Remove custom editor
            </button>
          )}
          <button type="submit" className="btn btn-small btn-primary">
            Save custom editor
          </button>
        </div>
      </form>
    </section>
  );
}
