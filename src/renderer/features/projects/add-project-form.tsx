import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { FieldLabel } from '../../ui/form-parts';

/** Add a local repository by path; the core validates it and says exactly why it refuses. */
export function AddProjectForm({ onAdded }: { onAdded?(): void }) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!path.trim()) {
      setError('Enter the path of a local git repository.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const project = await client.projects.add({ path: path.trim() });
      useProjects.getState().upsert(project);
      setPath('');
      toast.success(`Added ${project.name}`);
      navigate({ name: 'board', projectId: project.id });
      onAdded?.();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-project" onSubmit={submit} aria-label="Add project">
      <FieldLabel htmlFor={inputId}>Repository path</FieldLabel>
      <div className="add-project-row">
        <input
          id={inputId}
          className="mono"
          value={path}
          placeholder="/path/to/repo"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add project'}
        </button>
      </div>
      <FieldError message={error} id={errorId} />
    </form>
  );
}
