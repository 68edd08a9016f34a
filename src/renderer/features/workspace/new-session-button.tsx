import { useState } from 'react';
import { navigate } from '../../app/router-store';
import { useSessions } from '../../stores/sessions-store';
import { Dialog } from '../../ui/dialog';
import { Icon } from '../../ui/icons';
import { NewSessionForm } from '../chat/new-session-form';

/** Opens the provider picker (the chat feature's form) and switches to the new session's tab. */
export function NewSessionButton({ workspaceId, disabled }: { workspaceId: string; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        <Icon name="plus" size={14} /> New session
      </button>
      <Dialog open={open} title="New session" onClose={() => setOpen(false)}>
        <NewSessionForm
          workspaceId={workspaceId}
          onCreated={(session) => {
            useSessions.getState().upsert(session);
            setOpen(false);
            navigate({ name: 'workspace', workspaceId, tab: { kind: 'session', id: session.id } });
          }}
        />
      </Dialog>
    </>
  );
}
