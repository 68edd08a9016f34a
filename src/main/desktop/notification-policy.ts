import type { AppSettings } from '../../shared/contract/settings';
import type { AttentionItem } from './attention';

export interface NotificationContext {
  settings: Pick<AppSettings, 'notifications' | 'notificationKinds'>;
  /** Is the app's window focused? A finished turn is then visible in the app already. */
  windowFocused: boolean;
}

/**
 * Which raised alerts become native notifications: a permission question and a failure always, a finished
 * turn only while the window is not focused; each kind can be turned off, and `notifications` turns all off.
 */
export function shouldNotify(item: AttentionItem, context: NotificationContext): boolean {
  if (!context.settings.notifications || !context.settings.notificationKinds[item.kind]) return false;
  return item.kind !== 'finished' || !context.windowFocused;
}

/** A change in a workspace's pull request (merged, closed, CI red or green, reviewed) becomes a native one. */
export function shouldNotifyPr(settings: NotificationContext['settings']): boolean {
  return settings.notifications && settings.notificationKinds.pr;
}
