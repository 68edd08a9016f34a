import type {
  SessionConfigOption as AcpConfigOption,
  AvailableCommand,
  SessionModeState,
} from '@agentclientprotocol/sdk';
import type {
  PermissionPreset,
  Session,
  SessionCommand,
  SessionConfigOption,
} from '../../../shared/contract/sessions';

/** What the agent offers (modes, config options, slash commands), in the contract's shapes. */
export function toModes(state: SessionModeState | null | undefined): Session['modes'] | null {
  if (!state) return null;
  return {
    currentModeId: state.currentModeId,
    available: state.availableModes.map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description ?? null,
    })),
  };
}

export function toConfigOptions(options: AcpConfigOption[] | null | undefined): SessionConfigOption[] {
  return (options ?? []).map((o) => {
    const base = {
      id: o.id,
      name: o.name,
      description: o.description ?? null,
      category: typeof o.category === 'string' ? o.category : null,
    };
    if (o.type === 'boolean') return { ...base, type: 'boolean', currentValue: o.currentValue, options: [] };
    const flat = o.options.flatMap((entry) => ('group' in entry ? entry.options : [entry]));
    return {
      ...base,
      type: 'select',
      currentValue: o.currentValue,
      options: flat.map((v) => ({ value: v.value, name: v.name, description: v.description ?? null })),
    };
  });
}

export function toCommands(commands: AvailableCommand[]): SessionCommand[] {
  return commands.map((c) => ({
    name: c.name,
    description: c.description,
    inputHint: c.input && 'hint' in c.input ? String(c.input.hint) : null,
  }));
}

/** Agent modes that match a permission preset, most specific first (Claude, Codex, common names). */
const PRESET_MODES: Record<PermissionPreset, string[]> = {
  STRICT: ['default', 'ask', 'read-only'],
  RELAXED: ['acceptEdits', 'accept-edits', 'auto', 'default'],
  YOLO: ['bypassPermissions', 'full-access', 'yolo'],
};

/** The mode to switch to for a preset, or null when none matches or it is already current. */
export function modeForPreset(modes: Session['modes'], preset: PermissionPreset): string | null {
  const available = new Set(modes.available.map((m) => m.id));
  const match = PRESET_MODES[preset].find((id) => available.has(id));
  return match && match !== modes.currentModeId ? match : null;
}
