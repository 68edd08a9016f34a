import type { SandboxPath, SandboxPathRole, SandboxSummary } from '@shared/contract/sandbox';
import type { Session } from '@shared/contract/sessions';
import { useId, useState } from 'react';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { saveSettings } from '../settings/save-settings';

const ROLE_TEXT: Record<SandboxPathRole, string> = {
  worktree: 'worktree',
  git: 'git data for commits',
  'agent-state': "agent's own state",
  temp: 'private temp folder',
  user: 'added in Settings',
  'git-protected': 'git hooks and config',
  program: 'the agent program',
  secrets: 'keys and credentials',
  'app-data': "this app's data",
  'other-worktree': 'another worktree',
  'main-worktree': "the repository's main working tree",
};

const MECHANISM_TEXT = { bwrap: 'bubblewrap', seatbelt: 'Seatbelt', none: 'none' } as const;

/** The session's confinement as a badge in its header; it opens the policy: writable, read-only, hidden, network. */
export function SandboxBadge({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const sandbox = session.sandbox;
  if (!sandbox) return null;
  const on = sandbox.state === 'on';
  return (
    <div className="ff-sandbox">
      <button
        type="button"
        className="btn btn-small btn-ghost"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <Badge tone={on ? 'ok' : 'danger'}>{on ? 'Sandboxed' : 'Not sandboxed'}</Badge>
      </button>
      {open && <SandboxPolicy id={panelId} sandbox={sandbox} />}
    </div>
  );
}

function SandboxPolicy({ id, sandbox }: { id: string; sandbox: SandboxSummary }) {
  if (sandbox.state !== 'on') {
    return (
      <section id={id} className="ff-sandbox-policy" aria-label="Sandbox">
        <p>
          {sandbox.state === 'off'
            ? 'The sandbox is turned off for this project: the agent can write anywhere you can and read your keys.'
            : 'The agent runs unconfined: it can write anywhere you can and read your keys.'}
        </p>
        {sandbox.reason && <p className="field-hint">{sandbox.reason}</p>}
      </section>
    );
  }
  return (
    <section id={id} className="ff-sandbox-policy" aria-label="Sandbox">
      <p>
        Confined by {MECHANISM_TEXT[sandbox.mechanism]}; network {sandbox.network ? 'on' : 'off'}. Everything
        else is read-only.
      </p>
      <PathList title="Writable" paths={sandbox.writable} />
      <PathList title="Read-only inside those" paths={sandbox.readOnly} />
      <PathList title="Hidden" paths={sandbox.hidden} />
    </section>
  );
}

function PathList({ title, paths }: { title: string; paths: SandboxPath[] }) {
  if (!paths.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul>
        {paths.map((p) => (
          <li key={`${p.role}:${p.path}`}>
            <span className="mono">{p.path}</span> <span className="field-hint">({ROLE_TEXT[p.role]})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Shown once (until dismissed) when an agent runs unconfined because this machine has no sandbox: why, and
 * how to install bubblewrap. A project that turned the sandbox off chose it, so it gets only the badge.
 */
export function SandboxNotice({ session }: { session: Session }) {
  const client = useClient();
  const dismissed = useSettings((s) => s.settings?.sandboxNoticeDismissed ?? true);
  if (dismissed || session.sandbox?.state !== 'unavailable') return null;
  return (
    <div className="ff-session-banner ff-sandbox-notice" role="status">
      <span>
        Agents run without a sandbox on this machine: they can write anywhere you can and read your keys.{' '}
        {session.sandbox.reason}
      </span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void saveSettings(client, { sandboxNoticeDismissed: true })}
      >
        Got it
      </button>
    </div>
  );
}
