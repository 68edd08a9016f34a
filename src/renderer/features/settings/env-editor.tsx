import { isMaskedSecret } from '@shared/lib/secret-mask';
import { useState } from 'react';
import { type EnvRow, envRow, looksSecret } from './provider-text';

/**
 * A provider's environment, one row per variable. A stored secret arrives masked (the core never sends it):
 * it is shown read-only with Replace and Remove, and saved back as the mask, which keeps it. A secret being
 * typed is a password field the user may reveal.
 */
export function EnvEditor(props: { provider: string; rows: EnvRow[]; onChange(rows: EnvRow[]): void }) {
  const { provider, rows, onChange } = props;
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  /** The row whose stored secret is being replaced: its new, empty field takes the focus. */
  const [replacing, setReplacing] = useState<number | null>(null);
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
        const stored = looksSecret(row.key) && isMaskedSecret(row.value);
        const masked = looksSecret(row.key) && !revealed.has(row.id);
        return (
          <div className="env-row" key={row.id}>
            <input
              className="mono"
              aria-label={`Name of variable ${index + 1}`}
              placeholder="NAME"
              value={row.key}
              readOnly={stored}
              onChange={(e) => update(row.id, { key: e.target.value })}
            />
            {stored ? (
              <input
                className="mono"
                readOnly
                aria-label={`Value of ${name}`}
                aria-description="Stored secret, shown masked"
                value={row.value}
              />
            ) : (
              <input
                className="mono"
                type={masked ? 'password' : 'text'}
                autoComplete="off"
                aria-label={`Value of ${name}`}
                placeholder="value"
                ref={(el) => {
                  if (el && replacing === row.id) {
                    el.focus();
                    setReplacing(null);
                  }
                }}
                value={row.value}
                onChange={(e) => update(row.id, { value: e.target.value })}
              />
            )}
            {stored && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Replace value of ${name}`}
                onClick={() => {
                  setReplacing(row.id);
                  update(row.id, { value: '' });
                }}
              >
                Replace
              </button>
            )}
            {looksSecret(row.key) && !stored && (
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
