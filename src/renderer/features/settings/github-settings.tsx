import type { GitHubStatus } from '@shared/contract/github';
import { GitHubHost } from '@shared/contract/settings';
import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { useGitHub } from '../../stores/github-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { RelativeTime } from '../../ui/relative-time';
import { AgentGitHubAccess } from './agent-github-access';
import { saveSettings } from './save-settings';

const SOURCE_LABELS: Record<NonNullable<GitHubStatus['tokenSource']>, string> = {
  gh: 'GitHub CLI (gh auth token)',
  GH_TOKEN: 'GH_TOKEN environment variable',
  GITHUB_TOKEN: 'GITHUB_TOKEN environment variable',
  settings: 'token pasted here',
};

/**
 * Who the app is signed in to GitHub as (never the token), the host, and a write-only field for a pasted token.
 * The token is sent to the core once and never comes back.
 */
export function GitHubSettings({ host }: { host: string }) {
  const client = useClient();
  const status = useGitHub((s) => s.status);
  const setStatus = useGitHub((s) => s.setStatus);
  const [busy, setBusy] = useState(false);

  async function run(call: () => Promise<GitHubStatus>, done?: string) {
    setBusy(true);
    try {
      setStatus(await call());
      if (done) toast.success(done);
    } catch (error) {
      toast.error('GitHub', { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="github-title">
      <h2 id="github-title">GitHub</h2>
      <div role="status" aria-live="polite" aria-label="GitHub sign-in">
        <SignInState status={status} />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void run(() => client.github.refresh())}
        >
          Refresh GitHub sign-in
        </button>
      </div>
      <HostForm key={host} host={host} />
      <PastedTokenForm
        hasPastedToken={status?.hasPastedToken ?? false}
        busy={busy}
        onSave={(token) =>
          run(() => client.github.setToken({ token }), token ? 'Token saved' : 'Token removed')
        }
      />
      <AgentGitHubAccess />
    </section>
  );
}

function SignInState({ status }: { status: GitHubStatus | null }) {
  if (!status) return <p className="field-hint">Checking GitHub sign-in…</p>;
  return (
    <dl className="facts">
      <dt>Host</dt>
      <dd className="mono">{status.host}</dd>
      {status.state === 'SIGNED_IN' && (
        <>
          <dt>Signed in as</dt>
          <dd>
            <strong>{status.login}</strong>
            {status.name ? ` (${status.name})` : ''}
          </dd>
          <dt>Scopes</dt>
          <dd className="mono">
            {status.scopes.length ? status.scopes.join(', ') : 'none listed (fine-grained token)'}
          </dd>
        </>
      )}
      {status.state === 'SIGNED_OUT' && (
        <>
          <dt>Signed in as</dt>
          <dd>
            Not signed in: run <code>gh auth login</code>
            {status.host === 'github.com' ? '' : ` --hostname ${status.host}`}, set GH_TOKEN, or paste a token
            below.
          </dd>
        </>
      )}
      {status.state === 'PROBLEM' && (
        <>
          <dt>Problem</dt>
          <dd className="field-error">{status.problem?.message}</dd>
        </>
      )}
      {status.tokenSource && (
        <>
          <dt>Token from</dt>
          <dd>{SOURCE_LABELS[status.tokenSource]}</dd>
        </>
      )}
      <dt>Checked</dt>
      <dd>
        <RelativeTime at={status.checkedAt} />
      </dd>
    </dl>
  );
}

function HostForm({ host }: { host: string }) {
  const client = useClient();
  const [text, setText] = useState(host);
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = GitHubHost.safeParse(text);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Not a host name');
    setError(null);
    if (await saveSettings(client, { githubHost: parsed.data })) toast.success('GitHub host saved');
  }
  return (
    <form className="settings-grid" onSubmit={save} aria-label="GitHub host">
      <label className="field">
        <span>Host (github.com, or your GitHub Enterprise server)</span>
        <input className="mono" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <FieldError message={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-small">
          Save host
        </button>
      </div>
    </form>
  );
}

/**
 * The pasted token, write-only: a saved one shows as a mask with Replace and Remove (the core never sends it);
 * Replace, or no saved token, shows a password field.
 */
function PastedTokenForm(props: {
  hasPastedToken: boolean;
  busy: boolean;
  onSave(token: string | null): Promise<void>;
}) {
  const [token, setToken] = useState('');
  const [replacing, setReplacing] = useState(false);
  /** Set by the Replace click: the password field that takes the masked one's place takes the focus, once. */
  const [focusField, setFocusField] = useState(false);
  const editing = !props.hasPastedToken || replacing;
  const fieldId = useId();
  async function save(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) return;
    await props.onSave(token.trim());
    setToken('');
    setReplacing(false);
  }
  return (
    <form className="settings-grid" onSubmit={save} aria-label="Pasted GitHub token">
      <div className="field">
        <label className="field-label" htmlFor={fieldId}>
          Token (used only when gh and GH_TOKEN/GITHUB_TOKEN have none)
        </label>
        {editing ? (
          <input
            id={fieldId}
            className="mono"
            type="password"
            autoComplete="off"
            placeholder="ghp_… or github_pat_…"
            ref={(el) => {
              if (el && focusField) {
                el.focus();
                setFocusField(false);
              }
            }}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        ) : (
          <input id={fieldId} className="mono" readOnly value="•••••••• (saved)" />
        )}
      </div>
      <div className="form-actions">
        {editing ? (
          <>
            <button type="submit" className="btn btn-small" disabled={props.busy || !token.trim()}>
              Save token
            </button>
            {replacing && (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            )}
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-small"
              disabled={props.busy}
              onClick={() => {
                setReplacing(true);
                setFocusField(true);
              }}
            >
              Replace token
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={props.busy}
              onClick={() => void props.onSave(null)}
            >
              Remove token
            </button>
          </>
        )}
      </div>
    </form>
  );
}
