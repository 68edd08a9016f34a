import { type AgentProvider, PermissionPreset, type Session } from '@shared/contract/sessions';
import { useEffect, useState } from 'react';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { defaultPresetLabel, presetLabel } from '../../ui/preset-labels';

/** Starts a session in a workspace: provider (from what is installed and configured), preset, first prompt. */
export function NewSessionForm(props: { workspaceId: string; onCreated: (session: Session) => void }) {
  const client = useClient();
  const [providers, setProviders] = useState<AgentProvider[] | null>(null);
  const [provider, setProvider] = useState('');
  const [preset, setPreset] = useState<PermissionPreset | ''>('');
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defaultPreset = useSettings((s) => s.settings?.defaultPermissionPreset ?? 'RELAXED');

  useEffect(() => {
    let live = true;
    client.sessions
      .providers()
      .then((list) => {
        if (!live) return;
        setProviders(list);
        setProvider((p) => p || list.find((x) => x.available)?.id || '');
      })
      .catch((e) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [client]);

  const chosen = providers?.find((p) => p.id === provider);
  return (
    <form
      className="ff-new-session"
      aria-label="New session"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        client.sessions
          .create({
            workspaceId: props.workspaceId,
            provider,
            ...(preset ? { permissionPreset: preset } : {}),
            ...(prompt.trim() ? { prompt: prompt.trim() } : {}),
          })
          .then(props.onCreated, (err) => setError(describeError(err)))
          .finally(() => setBusy(false));
      }}
    >
      <label className="field">
        <span>Agent</span>
        <select aria-label="Agent" value={provider} onChange={(e) => setProvider(e.target.value)}>
          {providers?.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.available}>
              {p.label}
              {p.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
        {chosen?.problem && <small className="field-hint">{chosen.problem}</small>}
      </label>
      <label className="field">
        <span>Permissions</span>
        <select
          aria-label="Permission preset"
          value={preset}
          onChange={(e) => setPreset(e.target.value ? PermissionPreset.parse(e.target.value) : '')}
        >
          <option value="">{defaultPresetLabel(defaultPreset)}</option>
          {PermissionPreset.options.map((p) => (
            <option key={p} value={p}>
              {presetLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>First message (optional)</span>
        <textarea
          aria-label="First message"
          rows={3}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
        />
      </label>
      <FieldError message={error} />
      <button type="submit" className="btn btn-primary" disabled={busy || !chosen?.available}>
        Start session
      </button>
    </form>
  );
}
