import { Command } from 'cmdk';
import { useMemo } from 'react';
import { useRouter } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { useClient } from '../../transport/client-context';
import { buildActions, type PaletteAction } from './actions';

const GROUPS: PaletteAction['group'][] = ['Workspace', 'Navigate', 'Create', 'App'];

/** Cmd/Ctrl-K: every action, searchable. */
export function CommandPalette() {
  const client = useClient();
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const route = useRouter((s) => s.route);
  const actions = useMemo(() => (open ? buildActions(route, client) : []), [open, route, client]);

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
    >
      <Command.Input placeholder="Type a command or search…" />
      <Command.List>
        <Command.Empty>No matching command.</Command.Empty>
        {GROUPS.map((group) => {
          const items = actions.filter((a) => a.group === group);
          if (!items.length) return null;
          return (
            <Command.Group key={group} heading={group}>
              {items.map((action) => (
                <Command.Item
                  key={action.id}
                  value={`${action.label} ${action.id}`}
                  keywords={action.keywords}
                  onSelect={() => {
                    setOpen(false);
                    action.run();
                  }}
                >
                  <span>{action.label}</span>
                  {action.shortcut && <kbd>{action.shortcut}</kbd>}
                </Command.Item>
              ))}
            </Command.Group>
          );
        })}
      </Command.List>
    </Command.Dialog>
  );
}
