import { MergeMethod, type RatchetSettings, SyncMethod } from '@shared/contract/ratchet';
import { PermissionPreset } from '@shared/contract/sessions';
import { type FormEvent, useState } from 'react';
import { presetLabel } from '../../ui/preset-labels';

const MINUTE = 60_000;

/**
 * What Ratchet may do: CI and review fixes, whose comments count, auto-merge and its method, how to sync,
 * how often to check, and which agent fixes. Used for the global defaults and for one workspace's overrides.
 */
export function RatchetSettingsForm({
  value,
  label,
  onSave,
  extra,
}: {
  value: RatchetSettings;
  label: string;
  onSave(settings: RatchetSettings): Promise<void> | void;
  extra?: React.ReactNode;
}) {
  const [draft, setDraft] = useState(value);
  const [reviewers, setReviewers] = useState(value.allowedReviewers.join(', '));
  const [minutes, setMinutes] = useState(String(value.intervalMs / MINUTE));
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof RatchetSettings>(key: K, v: RatchetSettings[K]) =>
    setDraft((d) => ({ ...d, [key]: v }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const interval = Math.round(Number(minutes) * MINUTE);
    if (!Number.isFinite(interval) || interval < 5_000 || interval > 86_400_000) {
      return setError('Check every: from 0.1 to 1440 minutes.');
    }
    const allowedReviewers = reviewers
      .split(/[\s,]+/)
      .map((r) => r.trim().replace(/^@/, ''))
      .filter(Boolean);
    if (allowedReviewers.some((r) => !/^[A-Za-z0-9-]+(\[bot\])?$/.test(r))) {
      return setError('Allowed reviewers: GitHub logins separated by commas.');
    }
    setError(null);
    await onSave({ ...draft, allowedReviewers, intervalMs: interval });
  }

  const check = (key: 'ciFixes' | 'reviewFixes' | 'resolveThreads' | 'autoMerge', text: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={draft[key]} onChange={(e) => set(key, e.target.checked)} />
      <span>{text}</span>
    </label>
  );
  return (
    <form className="settings-grid" onSubmit={save} aria-label={label}>
      {check('ciFixes', 'Fix failing CI and merge conflicts')}
      {check('reviewFixes', 'Address review comments')}
      <label className="field">
        <span>Allowed reviewers (comments of anyone else are ignored)</span>
        <input value={reviewers} placeholder="alice, bob" onChange={(e) => setReviewers(e.target.value)} />
      </label>
      {check('resolveThreads', 'Resolve a review thread after replying')}
      {check('autoMerge', 'Merge when ready')}
      <label className="field">
        <span>Merge method</span>
        <select
          value={draft.mergeMethod}
          onChange={(e) => set('mergeMethod', e.target.value as RatchetSettings['mergeMethod'])}
        >
          {MergeMethod.options.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Sync with the base by</span>
        <select
          value={draft.syncMethod}
          onChange={(e) => set('syncMethod', e.target.value as RatchetSettings['syncMethod'])}
        >
          {SyncMethod.options.map((m) => (
            <option key={m} value={m}>
              {m === 'rebase' ? 'rebase (then push with lease)' : 'merge'}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Check every (minutes)</span>
        <input
          type="number"
          min={0.1}
          step="any"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Fix sessions use the provider</span>
        <input value={draft.provider} onChange={(e) => set('provider', e.target.value.trim())} />
      </label>
      <label className="field">
        <span>Fix sessions' permission preset</span>
        <select
          value={draft.permissionPreset ?? ''}
          onChange={(e) =>
            set('permissionPreset', (e.target.value || null) as RatchetSettings['permissionPreset'])
          }
        >
          <option value="">App default</option>
          {PermissionPreset.options.map((p) => (
            <option key={p} value={p}>
              {presetLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {extra}
      {error && <p className="field-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Save
        </button>
      </div>
    </form>
  );
}
