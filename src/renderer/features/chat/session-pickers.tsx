import { PermissionPreset, type Session } from '@shared/contract/sessions';
import { useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { presetLabel } from '../../ui/preset-labels';

/** Mode, the agent's config options (model, reasoning, …) and the permission preset, as the agent offers them. */
export function SessionPickers({ session }: { session: Session }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const run = (call: Promise<unknown>) => {
    setError(null);
    call.catch((e) => setError(describeError(e)));
  };
  // Agents that also expose the mode as a config option would otherwise show it twice.
  const options = session.configOptions.filter(
    (o) => !(o.category === 'mode' && session.modes.available.length),
  );
  return (
    <fieldset className="ff-pickers">
      <legend className="visually-hidden">Session settings</legend>
      <span className="badge" title="Provider">
        {session.provider}
      </span>
      {session.modes.available.length > 0 && (
        <label>
          <span className="visually-hidden">Mode</span>
          <select
            aria-label="Mode"
            value={session.modes.currentModeId ?? ''}
            onChange={(e) => run(client.sessions.setMode({ sessionId: session.id, modeId: e.target.value }))}
          >
            {session.modes.available.map((m) => (
              <option key={m.id} value={m.id} title={m.description ?? undefined}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {options.map((o) =>
        o.type === 'boolean' ? (
          <label key={o.id} className="ff-picker-toggle">
            <input
              type="checkbox"
              checked={o.currentValue === true}
              onChange={(e) =>
                run(
                  client.sessions.setConfigOption({
                    sessionId: session.id,
                    configId: o.id,
                    value: e.target.checked,
                  }),
                )
              }
            />
            {o.name}
          </label>
        ) : (
          <label key={o.id}>
            <span className="visually-hidden">{o.name}</span>
            <select
              aria-label={o.name}
              value={String(o.currentValue)}
              onChange={(e) =>
                run(
                  client.sessions.setConfigOption({
                    sessionId: session.id,
                    configId: o.id,
                    value: e.target.value,
                  }),
                )
              }
            >
              {o.options.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        ),
      )}
      <label>
        <span className="visually-hidden">Permissions</span>
        <select
          aria-label="Permissions"
          value={session.permissionPreset}
          onChange={(e) =>
            run(
              client.sessions.setPreset({
                sessionId: session.id,
                preset: PermissionPreset.parse(e.target.value),
              }),
            )
          }
        >
          {PermissionPreset.options.map((p) => (
            <option key={p} value={p}>
              {presetLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {session.usage && (
        <span className="ff-usage" title="Context used">
          {Math.round((session.usage.used / Math.max(1, session.usage.size)) * 100)}% context
          {session.usage.cost
            ? ` · ${session.usage.cost.amount.toFixed(2)} ${session.usage.cost.currency}`
            : ''}
        </span>
      )}
      <FieldError message={error} />
    </fieldset>
  );
}
