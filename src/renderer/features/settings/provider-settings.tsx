import type { AppSettings } from '@shared/contract/settings';
import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { FieldError } from '../../ui/field-error';
import { EnvEditor } from './env-editor';
import { availabilityLabel, fromDraft, type ProviderDraft, toDraft } from './provider-text';
import { saveSettings } from './save-settings';
import { useProviders } from './use-providers';

const BUILT_IN = ['claude', 'codex'];
const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Built-in providers' overrides and custom ACP agents: command, arguments, environment. */
export function ProviderSettings({ settings }: { settings: AppSettings }) {
  const providers = useProviders();
  const names = [...new Set([...BUILT_IN, ...Object.keys(settings.providers)])];
  const [newName, setNewName] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const nameId = useId();

  function addCustom(event: FormEvent) {
    event.preventDefault();
    const name = newName.trim();
    if (!NAME.test(name)) {
      toast.error('Provider names use lowercase letters, digits, "-" and "_"');
      return;
    }
    setAdding(name);
    setNewName('');
  }

  return (
    <section className="settings-section" aria-labelledby="providers-title">
      <h2 id="providers-title">Agent providers</h2>
      {[...names, ...(adding && !names.includes(adding) ? [adding] : [])].map((name) => {
        const status = providers?.find((p) => p.id === name);
        return (
          <ProviderEditor
            key={name}
            name={name}
            draft={toDraft(settings.providers[name])}
            builtIn={BUILT_IN.includes(name)}
            available={status?.available ?? null}
            problem={status?.problem ?? null}
            allProviders={settings.providers}
          />
        );
      })}
      <form className="inline-form" onSubmit={addCustom} aria-label="Add custom provider">
        <label htmlFor={nameId}>Custom agent name</label>
        <input
          id={nameId}
          value={newName}
          placeholder="my-agent"
          onChange={(e) => setNewName(e.target.value)}
        />
        <button type="submit" className="btn btn-small">
          Add custom agent
        </button>
      </form>
    </section>
  );
}

function ProviderEditor(props: {
  name: string;
  draft: ProviderDraft;
  builtIn: boolean;
  available: boolean | null;
  problem: string | null;
  allProviders: AppSettings['providers'];
}) {
  const client = useClient();
  const { name, builtIn, available, problem, allProviders } = props;
  const [draft, setDraft] = useState(props.draft);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = (key: 'label' | 'command' | 'args') => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = fromDraft(draft);
    if (!parsed.ok) return setError(parsed.error);
    if (!builtIn && !parsed.value.command) return setError('A custom agent needs a command.');
    setError(null);
    if (await saveSettings(client, { providers: { ...allProviders, [name]: parsed.value } }))
      toast.success(`Saved ${name}`);
  }

  async function remove() {
    const { [name]: _gone, ...rest } = allProviders;
    if (await saveSettings(client, { providers: rest })) toast.success(`Removed ${name}`);
  }

  return (
    <form className="provider-editor" onSubmit={save} aria-label={`Provider ${name}`}>
      <header className="provider-header">
        <h3>{name}</h3>
        {available === true && <Badge tone="ok">available</Badge>}
        {available === false && <Badge tone="warn">{availabilityLabel(false, problem)}</Badge>}
        {problem && <span className="field-hint">{problem}</span>}
      </header>
      <div className="provider-grid">
        <label className="field">
          <span>Label</span>
          <input value={draft.label} onChange={set('label')} aria-describedby={`${id}-hint`} />
        </label>
        <label className="field">
          <span>Command</span>
          <input
            className="mono"
            value={draft.command}
            placeholder={builtIn ? 'bundled adapter' : 'path or command'}
            onChange={set('command')}
          />
        </label>
        <label className="field">
          <span>Arguments (one per line)</span>
          <textarea className="mono" rows={2} value={draft.args} onChange={set('args')} />
        </label>
        <EnvEditor provider={name} rows={draft.env} onChange={(env) => setDraft({ ...draft, env })} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.network}
            onChange={(e) => setDraft({ ...draft, network: e.target.checked })}
          />
          Network inside the sandbox (turn off for agents that need none)
        </label>
        <label className="field">
          <span>Its own state folders, writable in the sandbox (one per line)</span>
          <textarea
            className="mono"
            rows={2}
            value={draft.statePaths}
            placeholder={builtIn ? '(its own are added already)' : '~/.cache/my-agent'}
            onChange={(e) => setDraft({ ...draft, statePaths: e.target.value })}
          />
        </label>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {builtIn
          ? 'Leave the command empty to use the bundled adapter.'
          : 'Any Agent Client Protocol agent over stdio: a command on PATH, or an absolute path to an executable.'}
      </p>
      <FieldError message={error} />
      <div className="form-actions">
        {!builtIn && name in allProviders && (
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
            Remove {name}
          </button>
        )}
        <button type="submit" className="btn btn-small btn-primary">
          Save {name}
        </button>
      </div>
    </form>
  );
}
