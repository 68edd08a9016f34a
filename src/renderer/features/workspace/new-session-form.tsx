import type { AgentProvider } from '@shared/contract/sessions';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useSessions } from '../../stores/sessions-store';
import { useSettings } from '../../stores/settings-store';
import { client } from '../../transport/client';
import { useConnection } from '../../transport/connection-store';
import { describeError } from '../../ui/describe-error';

/** Provider picker + start button. Unavailable providers are listed, disabled, with the reason. */
export function NewSessionForm({ workspaceId, disabled }: { workspaceId: string; disabled?: boolean }) {
  const providers = useProviders();
  const [provider, setProvider] = useState('');
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const firstAvailable = providers?.find((p) => p.available)?.id ?? '';
  const chosen = provider || firstAvailable;
  const problem = providers?.find((p) => p.id === chosen)?.problem;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    try {
      const session = await client.sessions.create({ workspaceId, provider: chosen });
      useSessions.getState().upsert(session);
      navigate({ name: 'workspace', workspaceId, tab: { kind: 'session', id: session.id } });
    } catch (error) {
      toast.error('Could not start the session', { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="New session">
      <label htmlFor={selectId} className="visually-hidden">
        Agent provider
      </label>
      <select
        id={selectId}
        value={chosen}
        onChange={(e) => setProvider(e.target.value)}
        disabled={!providers}
      >
        {!providers && <option value="">Loading providers…</option>}
        {providers?.map((p) => (
          <option key={p.id} value={p.id} disabled={!p.available}>
            {p.label}
            {p.available ? '' : ' (unavailable)'}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-small btn-primary" disabled={disabled || busy || !chosen}>
        {busy ? 'Starting…' : 'New session'}
      </button>
      {problem && <span className="field-hint">{problem}</span>}
    </form>
  );
}

/** Providers, reloaded when the connection comes back or provider settings change. */
export function useProviders(): AgentProvider[] | null {
  const [providers, setProviders] = useState<AgentProvider[] | null>(null);
  const epoch = useConnection((s) => s.epoch);
  const providerSettings = useSettings((s) => s.settings?.providers);
  useEffect(() => {
    let live = true;
    void epoch;
    void providerSettings;
    client.sessions.providers().then(
      (list) => live && setProviders(list),
      () => live && setProviders([]),
    );
    return () => {
      live = false;
    };
  }, [epoch, providerSettings]);
  return providers;
}
