import { ambiguousBranchReason } from '@shared/lib/branch-name';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { navigate } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { useProjects } from '../../stores/projects-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';
import { CancelSubmit, FieldLabel } from '../../ui/form-parts';

/** Creates a workspace; returns at once (PROVISIONING) and opens it so progress shows live. */
export function NewWorkspaceDialog() {
  const client = useClient();
  const projectId = useUi((s) => s.newWorkspaceProjectId);
  const close = useUi((s) => s.closeNewWorkspace);
  const project = useProjects((s) => (projectId ? s.byId[projectId] : undefined));
  const [name, setName] = useState('');
  const [baseBranch, setBaseBranch] = useState('');
  const [branch, setBranch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), base: useId(), branch: useId(), branchError: useId(), error: useId() };
  // Said while typing: the core refuses these names too, with the same words.
  const branchProblem = branch.trim() ? ambiguousBranchReason(branch.trim()) : null;

  useEffect(() => {
    if (!projectId) return;
    setName('');
    setBranch('');
    setError(null);
    setBaseBranch(project?.defaultBranch ?? '');
  }, [projectId, project?.defaultBranch]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!projectId) return;
    if (!name.trim()) {
      setError('Describe the task: it names the workspace and its branch.');
      return;
    }
    if (branchProblem) return;
    setBusy(true);
    setError(null);
    try {
      const workspace = await client.workspaces.create({
        projectId,
        name: name.trim(),
        baseBranch: baseBranch.trim() || undefined,
        branch: branch.trim() || undefined,
      });
      useWorkspaces.getState().upsert(workspace);
      close();
      navigate({ name: 'workspace', workspaceId: workspace.id, tab: null });
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={projectId !== null}
      title={`New workspace${project ? ` in ${project.name}` : ''}`}
      onClose={close}
    >
      <form className="form-stack" onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <FieldLabel htmlFor={ids.name}>Task</FieldLabel>
        <textarea
          id={ids.name}
          rows={3}
          value={name}
          placeholder="What should this workspace do?"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
          }}
        />
        <FieldLabel htmlFor={ids.base}>Base branch</FieldLabel>
        <input
          id={ids.base}
          className="mono"
          value={baseBranch}
          onChange={(e) => setBaseBranch(e.target.value)}
        />
        <FieldLabel htmlFor={ids.branch}>Branch name (optional)</FieldLabel>
        <input
          id={ids.branch}
          className="mono"
          value={branch}
          placeholder={`${project?.branchPrefix ?? 'ff'}/…`}
          aria-invalid={branchProblem ? true : undefined}
          aria-describedby={branchProblem ? ids.branchError : undefined}
          onChange={(e) => setBranch(e.target.value)}
        />
        {branchProblem && (
          <p id={ids.branchError} className="field-error">
            {branchProblem}
          </p>
        )}
        <FieldError message={error} id={ids.error} />
        <CancelSubmit onCancel={close} disabled={busy || branchProblem !== null}>
          {busy ? 'Creating…' : 'Create workspace'}
        </CancelSubmit>
      </form>
    </Dialog>
  );
}
