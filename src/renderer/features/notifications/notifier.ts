import type { SessionStatus } from '@shared/contract/sessions';
import { sessionAlert } from '@shared/lib/session-alert';
import { navigate, useRouter } from '../../app/router-store';
import { useSessions } from '../../stores/sessions-store';
import { useSettings } from '../../stores/settings-store';
import { useInbox } from './inbox-store';

/** Is this session's chat on screen and the window focused? Then the user already sees it. */
function isWatching(sessionId: string): boolean {
  const route = useRouter.getState().route;
  const onIt = route.name === 'workspace' && route.tab?.kind === 'session' && route.tab.id === sessionId;
  return onIt && document.visibilityState === 'visible' && document.hasFocus();
}

function showBrowserNotification(title: string, body: string, open: () => void): void {
  if (window.factoryFactory || typeof Notification === 'undefined' || Notification.permission !== 'granted')
    return;
  const notification = new Notification(title, { body, tag: title });
  notification.onclick = () => {
    window.focus();
    open();
    notification.close();
  };
}

/**
 * Watches session status changes in the store (pushed by the core) and raises alerts for sessions that
 * are not on screen: an inbox entry always, a browser notification in serve mode when allowed.
 */
export function startNotifier(): () => void {
  const seen = new Map<string, SessionStatus>();
  for (const s of Object.values(useSessions.getState().byId)) seen.set(s.id, s.status);
  return useSessions.subscribe((state) => {
    for (const session of Object.values(state.byId)) {
      const previous = seen.get(session.id);
      seen.set(session.id, session.status);
      const alert = sessionAlert(previous, session);
      if (!alert || isWatching(session.id)) continue;
      useInbox
        .getState()
        .add({ ...alert, sessionId: session.id, workspaceId: session.workspaceId, at: Date.now() });
      if (useSettings.getState().settings?.notifications === false) continue;
      showBrowserNotification(alert.title, alert.body, () =>
        navigate({
          name: 'workspace',
          workspaceId: session.workspaceId,
          tab: { kind: 'session', id: session.id },
        }),
      );
    }
  });
}
