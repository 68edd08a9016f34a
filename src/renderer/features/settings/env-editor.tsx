import { useState } from 'react';
import { type EnvRow, envRow, looksSecret } from './provider-text';

/**
 * A provider's environment, one row per variable. Values whose name looks secret are masked (a password
 * field holding the real value, so what is saved is always what is stored or typed) until revealed.
 */
export function EnvEditor(props: { provider: string; rows: EnvRow[]; onChange(rows: EnvRow[]): void }) {
  const { provider, rows, onChange } = props;
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const update = (id: number, patch: Partial<EnvRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const toggle = (id: number) => {
    const next = new Set(revealed);
    if (!next.delete(id)) next.add(id);
    setRevealed(next);
  };

  return (
    <fieldset className="field env-editor">
      <legend>Environment overrides</legend>
      {rows.length === 0 && <p className="field-hint">No variables set.</p>}
      {rows.map((row, index) => {
        const name = row.key.trim() || `variable ${index + 1}`;
        const masked = looksSecret(row.key) && !revealed.has(row.id);
        return (
          <div className="env-row" key={row.id}>
            <input
              className="mono"
              aria-label={`Name of variable ${index + 1}`}
              placeholder="NAME"
              value={row.key}
              onChange={(e) => update(row.id, { key: e.target.value })}
            />
            <input
              className="mono"
              type={masked ? 'password' : 'text'}
              autoComplete="off"
              aria-label={`Value of ${name}`}
              placeholder="value"
              value={row.value}
              onChange={(e) => update(row.id, { value: e.target.value })}
            />
            {looksSecret(row.key) && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`${masked ? 'Show' : 'Hide'} value of ${name}`}
                aria-pressed={!masked}
                onClick={() => toggle(row.id)}
              >
                {masked ? 'Show' : 'Hide'}
              </button>
            )}
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label={`Remove ${name}`}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-small"
        aria-label={`Add a variable to ${provider}`}
        onClick={() => onChange([...rows, envRow()])}
      >
        Add variable
      </button>
    </fieldset>
  );
}
