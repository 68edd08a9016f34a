import { DesktopCommand } from '../../shared/desktop-bridge';

export const DEEP_LINK_SCHEME = 'factory-factory';

/**
 * The command a `factory-factory://` link asks for: `factory-factory://workspace/<id>` opens a workspace,
 * `…/workspace/<id>/session/<sessionId>` one of its chats, `factory-factory://new-workspace` the dialog.
 * Anything else is null (links come from other programs and web pages).
 */
export function parseDeepLink(link: string): DesktopCommand | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  const parts = [url.hostname, ...url.pathname.split('/')].filter(Boolean).map(decodeURIComponent);
  const [head, workspaceId, kind, sessionId, ...rest] = parts;
  let command: unknown = null;
  if (head === 'new-workspace' && parts.length === 1) command = { type: 'new-workspace' };
  else if (head === 'workspace' && parts.length === 2) command = { type: 'open-workspace', workspaceId };
  else if (head === 'workspace' && kind === 'session' && rest.length === 0)
    command = { type: 'open-session', workspaceId, sessionId };
  const parsed = DesktopCommand.safeParse(command);
  return parsed.success ? parsed.data : null;
}

/** The first deep link among command-line arguments (Windows and Linux pass links to a new instance so). */
export function deepLinkInArgs(argv: string[]): DesktopCommand | null {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}://`)) return parseDeepLink(arg);
  }
  return null;
}
