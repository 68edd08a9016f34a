import { Icon } from '../../ui/icons';
import { MenuButton } from '../../ui/menu';
import { useAutomationUi } from './automation-ui';

interface AutomationButtonsProps {
  workspaceId: string;
  projectId: string;
  /** The open session tab, which "Iterate until green" drives by default. */
  sessionId: string | null;
  ready: boolean;
  /** Narrow screens: one "More" menu instead of two buttons. */
  compact: boolean;
}

/** "Iterate until green…" and "Schedules…" for the workspace toolbar. */
export function AutomationButtons({
  workspaceId,
  projectId,
  sessionId,
  ready,
  compact,
}: AutomationButtonsProps) {
  const iterate = () => useAutomationUi.getState().openIterate(workspaceId, sessionId);
  const schedules = () => useAutomationUi.getState().openSchedules(projectId, workspaceId);
  if (compact) {
    return (
      <MenuButton
        label="More"
        icon={<Icon name="more" />}
        items={[
          { label: 'Iterate until green…', disabled: !ready, onSelect: iterate },
          { label: 'Schedules…', onSelect: schedules },
        ]}
      />
    );
  }
  return (
    <div className="automation-buttons">
      <button type="button" className="btn btn-small" disabled={!ready} onClick={iterate}>
        Iterate until green…
      </button>
      <button type="button" className="btn btn-small" onClick={schedules}>
        Schedules…
      </button>
    </div>
  );
}
