import type { PullDraft } from '@shared/contract/github';
import type { Workspace, WorkspaceProgress } from '@shared/contract/workspaces';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useWorkspaceProgress } from '../../stores/progress-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';
import { CancelSubmit, FieldLabel } from '../../ui/form-parts';

/**
 * "Create pull request": title and body from the template (editable), draft or not; pushes, then creates (or
 * links the branch's open PR). Shows the core's progress steps while it works and GitHub's or git's words when
 * it fails; the dialog stays open with what the user wrote.
 */
export function CreatePullDialog(props: { workspace: Workspace; open: boolean; onClose(): void }) {
  const { workspace, open, onClose } = props;
  const client = useClient();
  const [draft, setDraft] = useState<PullDraft | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [isDraft, setIsDraft] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The last progress entry before submitting: the steps shown are those after it (core clocks may differ).
  const mark = useRef<WorkspaceProgress | null>(null);
  const ids = { title: useId(), body: useId(), error: useId() };
  const step = useWorkspaceProgress((s) => {
    if (!busy) return null;
    const list = s.byWorkspace[workspace.id] ?? [];
    const after = mark.current ? list.indexOf(mark.current) + 1 : 0;
    const steps = list.slice(after).filter((p) => p.step === 'push' || p.step === 'pull_request');
    return steps[steps.length - 1] ?? null;
  });

  useEffect(() => {
    if (!open) return;
    let current = true;
    setDraft(null);
    setError(null);
    client.github
      .pullDraft({ workspaceId: workspace.id })
      .then((loaded) => {
        if (!current) return;
        setDraft(loaded);
        setTitle(loaded.title);
        setBody(loaded.body);
      })
      .catch((cause) => current && setError(describeError(cause)));
    return () => {
      current = false;
    };
  }, [open, client, workspace.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setError('A pull request needs a title.');
      return;
    }
    setError(null);
    mark.current = useWorkspaceProgress.getState().byWorkspace[workspace.id]?.at(-1) ?? null;
    setBusy(true);
    try {
      const created = await client.github.createPull({
        workspaceId: workspace.id,
        title: title.trim(),
        body,
        draft: isDraft,
      });
      useWorkspaces.getState().upsert(created.workspace);
      toast.success(
        created.linked
          ? `Linked the open pull request #${created.pull.number}`
          : `Created pull request #${created.pull.number}`,
      );
      onClose();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title="Create pull request" onClose={onClose}>
      <form className="form-stack" onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <p className="field-hint">
          <span className="mono">{workspace.branch}</span> into{' '}
          <span className="mono">{draft?.base ?? workspace.baseBranch}</span>
        </p>
        {draft?.existing && (
          <p className="field-hint" role="note">
            Pull request #{draft.existing.number} is already open for this branch: it will be linked, not
            created again.
          </p>
        )}
        <FieldLabel htmlFor={ids.title}>Title</FieldLabel>
        <input
          id={ids.title}
          value={title}
          disabled={!draft}
          maxLength={256}
          onChange={(e) => setTitle(e.target.value)}
        />
        <FieldLabel htmlFor={ids.body}>Description</FieldLabel>
        <textarea
          id={ids.body}
          rows={10}
          value={body}
          disabled={!draft}
          onChange={(e) => setBody(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={isDraft} onChange={(e) => setIsDraft(e.target.checked)} /> Open as a
          draft
        </label>
        {busy && (
          <p className="field-hint" role="status">
            {step?.message ?? 'Pushing…'}
          </p>
        )}
        <FieldError message={error} id={ids.error} />
        <CancelSubmit onCancel={onClose} disabled={busy || !draft}>
          {busy ? (step?.step === 'pull_request' ? 'Creating…' : 'Pushing…') : 'Push and create'}
        </CancelSubmit>
      </form>
    </Dialog>
  );
}
