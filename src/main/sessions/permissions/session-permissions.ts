import type { Reach } from '../client/fs-confinement';
import type { SessionHost } from '../controller/session-host';
import type { SessionRecord } from '../sessions-repository';
import { PermissionBroker } from './permission-broker';

/**
 * The permission broker of one session: it decides by the session's preset and remembered tool kinds,
 * logs requests and decisions, and moves the status between RUNNING and AWAITING_PERMISSION.
 */
export function sessionPermissionBroker(
  record: SessionRecord,
  host: SessionHost,
  reach: () => Reach,
  save: () => void,
  declined: (title: string) => void,
): PermissionBroker {
  const session = record.session;
  return new PermissionBroker({
    preset: () => session.permissionPreset,
    reach,
    alwaysAllowed: () => record.extras.alwaysAllowed,
    rememberAlways: (kind) => {
      if (!record.extras.alwaysAllowed.includes(kind)) record.extras.alwaysAllowed.push(kind);
    },
    logRequest: (payload) => host.log.append(session.id, 'permission_request', payload),
    logDecision: (payload) => host.log.append(session.id, 'permission_decision', payload),
    declined,
    pendingChanged: (pending) => {
      session.pendingPermissions = pending;
      if (pending.length > 0 && session.status === 'RUNNING') session.status = 'AWAITING_PERMISSION';
      if (pending.length === 0 && session.status === 'AWAITING_PERMISSION') session.status = 'RUNNING';
      host.log.flush();
      save();
    },
  });
}
