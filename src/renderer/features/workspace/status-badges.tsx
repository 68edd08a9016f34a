import type { SessionStatus } from '@shared/contract/sessions';
import type { WorkspaceStatus } from '@shared/contract/workspaces';
import { Badge, type Tone } from '../../ui/badge';

const workspaceTone: Record<WorkspaceStatus, Tone> = {
  NEW: 'info',
  PROVISIONING: 'info',
  READY: 'ok',
  FAILED: 'danger',
  ARCHIVING: 'neutral',
  ARCHIVED: 'neutral',
};

export function WorkspaceStatusBadge({ status }: { status: WorkspaceStatus }) {
  return (
    <Badge tone={workspaceTone[status]} label={`Workspace ${status.toLowerCase()}`}>
      {status}
    </Badge>
  );
}

const sessionTone: Record<SessionStatus, Tone> = {
  STARTING: 'info',
  IDLE: 'neutral',
  RUNNING: 'accent',
  AWAITING_PERMISSION: 'warn',
  ERROR: 'danger',
  STOPPED: 'neutral',
};

const sessionText: Record<SessionStatus, string> = {
  STARTING: 'starting',
  IDLE: 'idle',
  RUNNING: 'running',
  AWAITING_PERMISSION: 'needs permission',
  ERROR: 'error',
  STOPPED: 'stopped',
};

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return (
    <Badge tone={sessionTone[status]} label={`Session ${sessionText[status]}`}>
      {sessionText[status]}
    </Badge>
  );
}
