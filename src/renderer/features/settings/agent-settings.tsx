import { PermissionPreset } from '@shared/contract/sessions';
import type { AppSettings } from '@shared/contract/settings';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { useClient } from '../../transport/client-context';
import { FieldError } from '../../ui/field-error';
import { presetLabel } from '../../ui/preset-labels';
import { saveSettings } from './save-settings';

const MINUTE = 60_000;

/** Text field value for an optional limit in some unit ('' = none). */
const show = (ms: number | null, unit: number) =>
  ms === null ? '' : String(Math.round((ms / unit) * 100) / 100);
const read = (text: string, unit: number): number | null | 'bad' => {
  if (!text.trim()) return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? Math.round(n * unit) : 'bad';
};

/** Default preset, how many agents run and start at once, their budgets, hang timeout and hibernation. */
export function AgentSettings({ settings }: { settings: AppSettings }) {
  const client = useClient();
  const [preset, setPreset] = useState(settings.defaultPermissionPreset);
  const [cap, setCap] = useState(String(settings.maxRunningAgents));
  const [startCap, setStartCap] = useState(show(settings.maxStartingAgents, 1));
  const [timeout, setTimeoutText] = useState(show(settings.agentReplyTimeoutMs, 1000));
  const [wall, setWall] = useState(show(settings.sessionBudget.wallTimeMs, MINUTE));
  const [tokens, setTokens] = useState(show(settings.sessionBudget.tokens, 1));
  const [hibernate, setHibernate] = useState(show(settings.idleHibernateMs, MINUTE));
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const maxRunningAgents = Number(cap);
    const reply = read(timeout, 1000);
    const wallTimeMs = read(wall, MINUTE);
    const tokenBudget = read(tokens, 1);
    const idleHibernateMs = read(hibernate, MINUTE);
    const maxStartingAgents = read(startCap, 1);
    if (!Number.isInteger(maxRunningAgents) || maxRunningAgents < 1 || maxRunningAgents > 500) {
      return setError('Concurrent agents: a whole number from 1 to 500.');
    }
    if (maxStartingAgents === 'bad' || (maxStartingAgents !== null && maxStartingAgents > 500)) {
      return setError('Agents starting at once: a whole number from 1 to 500, or empty for automatic.');
    }
    if (reply === null || reply === 'bad') return setError('Reply timeout: a positive number of seconds.');
    if (wallTimeMs === 'bad' || tokenBudget === 'bad' || idleHibernateMs === 'bad') {
      return setError('Limits are positive numbers, or empty for none.');
    }
    setError(null);
    const saved = await saveSettings(client, {
      defaultPermissionPreset: preset,
      maxRunningAgents,
      maxStartingAgents,
      agentReplyTimeoutMs: reply,
      sessionBudget: { wallTimeMs, tokens: tokenBudget },
      idleHibernateMs,
    });
    if (saved) toast.success('Agent settings saved');
  }

  return (
    <section className="settings-section" aria-labelledby="agents-title">
      <h2 id="agents-title">Agents</h2>
      <form className="settings-grid" onSubmit={save} aria-label="Agent settings">
        <label className="field">
          <span>Default permission preset</span>
          <select value={preset} onChange={(e) => setPreset(e.target.value as typeof preset)}>
            {PermissionPreset.options.map((p) => (
              <option key={p} value={p}>
                {presetLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Concurrent agents (cap)</span>
          <input type="number" min={1} max={500} value={cap} onChange={(e) => setCap(e.target.value)} />
        </label>
        <label className="field">
          <span>Agents starting at once (empty = one per CPU core)</span>
          <input inputMode="numeric" value={startCap} onChange={(e) => setStartCap(e.target.value)} />
        </label>
        <label className="field">
          <span>Reply timeout (seconds)</span>
          <input inputMode="decimal" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} />
        </label>
        <label className="field">
          <span>Wall-time budget per session (minutes, empty = none)</span>
          <input inputMode="decimal" value={wall} onChange={(e) => setWall(e.target.value)} />
        </label>
        <label className="field">
          <span>Token budget per session (empty = none)</span>
          <input inputMode="numeric" value={tokens} onChange={(e) => setTokens(e.target.value)} />
        </label>
        <label className="field">
          <span>Hibernate idle agents after (minutes, empty = never)</span>
          <input inputMode="decimal" value={hibernate} onChange={(e) => setHibernate(e.target.value)} />
        </label>
        <FieldError message={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Save agent settings
          </button>
        </div>
      </form>
    </section>
  );
}
