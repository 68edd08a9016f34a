import { DesktopCommand } from '@shared/desktop-bridge';
import { navigate, useRouter } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { currentProjectId } from '../palette/actions';
import { useDesktopUpdate } from './update-store';

/** Applies one command from the desktop main process (tray, notification, deep link); ignores malformed ones. */
export function applyDesktopCommand(input: unknown): boolean {
  const parsed = DesktopCommand.safeParse(input);
  if (!parsed.success) return false;
  const command = parsed.data;
  switch (command.type) {
    case 'open-session':
      navigate({
        name: 'workspace',
        workspaceId: command.workspaceId,
        tab: { kind: 'session', id: command.sessionId },
      });
      return true;
    case 'open-workspace':
      navigate({ name: 'workspace', workspaceId: command.workspaceId, tab: null });
      return true;
    case 'new-workspace': {
      const projectId =
        currentProjectId(useRouter.getState().route) ?? sortProjects(useProjects.getState().byId)[0]?.id;
      if (projectId) useUi.getState().openNewWorkspace(projectId);
      else navigate({ name: 'board', projectId: null });
      return true;
    }
    case 'update-ready':
      useDesktopUpdate.getState().setReady(command.version);
      return true;
  }
}

/** Follows the desktop bridge's commands for the app's life; a no-op in a browser. */
export function startDesktopCommands(): () => void {
  return window.factoryFactory?.onCommand(applyDesktopCommand) ?? (() => {});
}
