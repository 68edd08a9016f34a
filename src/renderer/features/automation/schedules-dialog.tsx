import type { Schedule } from '@shared/contract/schedules';
import { useState } from 'react';
import { toast } from 'sonner';
import { useShallow } from 'zustand/react/shallow';
import { useSchedules } from '../../stores/automation-store';
import { useProjects } from '../../stores/projects-store';
import { useWorkspaces, workspacesOf } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { RelativeTime } from '../../ui/relative-time';
import { useAutomationUi } from './automation-ui';
import { ScheduleForm } from './schedule-form';

/** A project's scheduled prompts: next run, last result, on/off, run now, edit, delete, and a form to add one. */
export function SchedulesDialog() {
  const client = useClient();
  const target = useAutomationUi((s) => s.schedules);
  const close = useAutomationUi((s) => s.close);
  const project = useProjects((s) => (target ? s.byId[target.projectId] : undefined));
  const schedules = useSchedules(
    useShallow((s) =>
      Object.values(s.byId)
        .filter((x) => x.projectId === target?.projectId)
        .sort((a, b) => a.createdAt - b.createdAt),
    ),
  );
  const workspaces = useWorkspaces(useShallow((s) => (target ? workspacesOf(s.byId, target.projectId) : [])));
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);

  const act = (label: string, call: () => Promise<Schedule | { id: string }>) =>
    call()
      .then((result) => {
        if ('cron' in result) useSchedules.getState().upsert(result);
        else useSchedules.getState().remove(result.id);
      })
      .catch((e) => toast.error(label, { description: describeError(e) }));

  return (
    <Dialog
      open={target !== null}
      title={`Schedules${project ? ` of ${project.name}` : ''}`}
      onClose={() => {
        setEditing(null);
        close();
      }}
    >
      {target && editing !== null ? (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.id}
          projectId={target.projectId}
          workspaces={workspaces.filter((w) => w.status === 'READY')}
          defaultWorkspaceId={target.workspaceId}
          editing={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div className="form-stack">
          {schedules.length === 0 && <p className="empty">No schedules yet.</p>}
          <ul className="schedule-list" aria-label="Schedules">
            {schedules.map((s) => (
              <li key={s.id} className="schedule-item">
                <div>
                  <strong>{s.name}</strong> <span className="mono">{s.cron}</span> ({s.timezone}) ·{' '}
                  {s.workspaceId
                    ? `in ${workspaces.find((w) => w.id === s.workspaceId)?.name ?? 'a workspace'}`
                    : 'new workspace each run'}
                </div>
                <div className="muted">
                  Next run: {s.nextRunAt ? <RelativeTime at={s.nextRunAt} /> : s.enabled ? 'never' : 'off'}
                  {' · '}
                  Last:{' '}
                  {s.lastResult
                    ? `${s.lastResult.status.toLowerCase()} — ${s.lastResult.message}`
                    : 'not run yet'}
                </div>
                <div className="schedule-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void act('Could not run it', () => client.schedules.runNow({ id: s.id }))}
                  >
                    Run now
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() =>
                      void act('Could not change it', () =>
                        client.schedules.update({ id: s.id, enabled: !s.enabled }),
                      )
                    }
                  >
                    {s.enabled ? 'Turn off' : 'Turn on'}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(s)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() =>
                      void act('Could not delete it', () => client.schedules.remove({ id: s.id }))
                    }
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New schedule
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
