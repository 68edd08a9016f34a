import type { Schedule } from '@shared/contract/schedules';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { CancelSubmit, FieldLabel } from '../../ui/form-parts';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Creates a schedule for a project or one of its workspaces (or edits one): cron, time zone, what to send. */
export function ScheduleForm({
  projectId,
  workspaces,
  defaultWorkspaceId,
  editing,
  onDone,
}: {
  projectId: string;
  workspaces: Array<{ id: string; name: string }>;
  defaultWorkspaceId: string | null;
  editing: Schedule | null;
  onDone(): void;
}) {
  const client = useClient();
  const [name, setName] = useState(editing?.name ?? '');
  const [cron, setCron] = useState(editing?.cron ?? '0 9 * * 1-5');
  const [timezone, setTimezone] = useState(editing?.timezone ?? LOCAL_ZONE);
  const [target, setTarget] = useState(editing ? (editing.workspaceId ?? '') : (defaultWorkspaceId ?? ''));
  const [what, setWhat] = useState<'prompt' | 'action'>(editing?.quickAction ? 'action' : 'prompt');
  const [prompt, setPrompt] = useState(editing?.prompt ?? '');
  const [action, setAction] = useState(editing?.quickAction ?? 'review-changes');
  const [runMissed, setRunMissed] = useState(editing?.runMissed ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const [actions, setActions] = useState<Array<{ name: string; title: string }>>([]);

  useEffect(() => {
    let live = true;
    client.prompts.list({ projectId }).then(
      ({ prompts }) => {
        if (!live) return;
        const quick = prompts.filter((p) => /^quick-actions\/[^/]+$/.test(p.id));
        setActions(
          quick.map((p) => ({ name: p.id.slice('quick-actions/'.length), title: p.meta.title ?? p.id })),
        );
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, projectId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const fields = {
      name: name.trim() || 'Scheduled prompt',
      cron: cron.trim(),
      timezone: timezone.trim(),
      prompt: what === 'prompt' ? prompt.trim() || null : null,
      quickAction: what === 'action' ? action.trim() || null : null,
      provider: editing?.provider ?? null,
      runMissed,
      enabled: editing?.enabled ?? true,
    };
    try {
      if (editing) await client.schedules.update({ id: editing.id, ...fields });
      else await client.schedules.create({ ...fields, projectId, workspaceId: target || null });
      onDone();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form-stack schedule-form"
      onSubmit={submit}
      aria-label={editing ? 'Edit schedule' : 'New schedule'}
    >
      <FieldLabel htmlFor={`${id}-name`}>Name</FieldLabel>
      <input
        id={`${id}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="Morning review"
      />
      {!editing && (
        <>
          <FieldLabel htmlFor={`${id}-target`}>Runs in</FieldLabel>
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">A new workspace each time</option>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                Workspace {w.name}
              </option>
            ))}
          </select>
        </>
      )}
      <FieldLabel htmlFor={`${id}-cron`}>When (cron: minute hour day month weekday)</FieldLabel>
      <input id={`${id}-cron`} className="mono" value={cron} onChange={(e) => setCron(e.target.value)} />
      <FieldLabel htmlFor={`${id}-tz`}>Time zone</FieldLabel>
      <input
        id={`${id}-tz`}
        className="mono"
        value={timezone}
        onChange={(e) => setTimezone(e.target.value)}
      />
      <fieldset className="schedule-what">
        <legend>Sends</legend>
        <label>
          <input type="radio" checked={what === 'prompt'} onChange={() => setWhat('prompt')} /> a prompt
        </label>
        <label>
          <input type="radio" checked={what === 'action'} onChange={() => setWhat('action')} /> a quick action
        </label>
      </fieldset>
      {what === 'prompt' ? (
        <textarea
          aria-label="Prompt"
          rows={3}
          value={prompt}
          placeholder="Check the open TODOs on {{branch}}"
          onChange={(e) => setPrompt(e.target.value)}
        />
      ) : (
        <select aria-label="Quick action" value={action} onChange={(e) => setAction(e.target.value)}>
          {!actions.some((a) => a.name === action) && <option value={action}>{action}</option>}
          {actions.map((a) => (
            <option key={a.name} value={a.name}>
              {a.title}
            </option>
          ))}
        </select>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={runMissed} onChange={(e) => setRunMissed(e.target.checked)} /> If the
        app was closed at a run time, run once when it starts
      </label>
      <FieldError message={error} />
      <CancelSubmit onCancel={onDone} disabled={busy}>
        {editing ? 'Save' : 'Add schedule'}
      </CancelSubmit>
    </form>
  );
}
