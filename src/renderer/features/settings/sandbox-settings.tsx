import type { Project } from '@shared/contract/projects';
import type { ProjectSandboxSettings } from '@shared/contract/sandbox';
import type { AppSettings } from '@shared/contract/settings';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';
import { linesOf, pathProblem } from './provider-text';
import { saveSettings } from './save-settings';

/**
 * The agent sandbox per project: on by default; turning it off asks first (its agents can then write
 * anywhere you can and read your keys); folders its agents may also write (and `fs/*` may reach).
 */
export function SandboxSettings({ settings }: { settings: AppSettings }) {
  const projects = sortProjects(useProjects((s) => s.byId));
  const machine = useSettings((s) => s.system?.sandbox);
  return (
    <section className="settings-section" aria-labelledby="sandbox-title">
      <h2 id="sandbox-title">Agent sandbox</h2>
      <p className="field-hint">
        Agents run confined by the operating system (bubblewrap on Linux, Seatbelt on macOS): they write only
        in their worktree, the git data a commit needs and their own state, and cannot see your keys, other
        worktrees or this app's data. The network stays on unless a provider turns it off.
      </p>
      {machine && (
        <p className={machine.mechanism === 'none' ? 'field-error' : 'field-hint'} role="status">
          {machine.mechanism === 'none'
            ? `On this machine agents run unconfined: ${machine.problem ?? ''}`
            : `On this machine: ${machine.mechanism === 'bwrap' ? 'bubblewrap' : 'Seatbelt'}.`}
        </p>
      )}
      {projects.length === 0 && <p className="empty">No projects yet.</p>}
      {projects.map((project) => (
        <ProjectSandbox
          key={`${project.id}:${JSON.stringify(settings.sandboxProjects[project.id] ?? null)}`}
          project={project}
          current={settings.sandboxProjects[project.id]}
          all={settings.sandboxProjects}
        />
      ))}
    </section>
  );
}

function ProjectSandbox(props: {
  project: Project;
  current: ProjectSandboxSettings | undefined;
  all: AppSettings['sandboxProjects'];
}) {
  const client = useClient();
  const { project, all } = props;
  const enabled = props.current?.enabled ?? true;
  const [paths, setPaths] = useState((props.current?.writablePaths ?? []).join('\n'));
  const [confirmOff, setConfirmOff] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const store = (next: ProjectSandboxSettings) =>
    saveSettings(client, { sandboxProjects: { ...all, [project.id]: next } });

  async function save(event: FormEvent) {
    event.preventDefault();
    const writablePaths = linesOf(paths);
    const problem = pathProblem(writablePaths);
    if (problem) return setError(problem);
    setError(null);
    if (await store({ enabled, writablePaths })) toast.success(`Saved the sandbox of ${project.name}`);
  }

  return (
    <form className="provider-editor" onSubmit={save} aria-label={`Sandbox of ${project.name}`}>
      <header className="provider-header">
        <h3>{project.name}</h3>
      </header>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) =>
            e.target.checked
              ? void store({ enabled: true, writablePaths: linesOf(paths) })
              : setConfirmOff(true)
          }
        />
        Run this project's agents in the sandbox
      </label>
      <label className="field">
        <span>Folders its agents may also write (one per line, absolute or ~/…)</span>
        <textarea className="mono" rows={2} value={paths} onChange={(e) => setPaths(e.target.value)} />
      </label>
      <FieldError message={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary">
          Save sandbox folders
        </button>
      </div>
      <Dialog open={confirmOff} title="Turn the sandbox off?" onClose={() => setConfirmOff(false)}>
        <p>
          Agents of {project.name} will run unconfined from their next start: they can write anywhere you can,
          read your SSH keys and cloud credentials, and change other worktrees. Only the permission preset
          will stand between them and your files.
        </p>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setConfirmOff(false)}>
            Keep it on
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              setConfirmOff(false);
              void store({ enabled: false, writablePaths: linesOf(paths) });
            }}
          >
            Turn it off
          </button>
        </div>
      </Dialog>
    </form>
  );
}
