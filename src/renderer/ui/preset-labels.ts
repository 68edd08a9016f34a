import type { PermissionPreset } from '@shared/contract/sessions';

/**
 * The one name and sentence of each permission preset, used wherever a preset is shown (new session, the
 * chat's picker, settings) so a user sees the same words everywhere. README's presets section says the same.
 */
const PRESETS: Record<PermissionPreset, { name: string; sentence: string }> = {
  STRICT: { name: 'Strict', sentence: 'ask for every edit and command' },
  RELAXED: { name: 'Relaxed', sentence: 'allow edits in the worktree, ask for commands' },
  YOLO: { name: 'YOLO', sentence: 'allow everything' },
};

/** "Relaxed: allow edits in the worktree, ask for commands". */
export function presetLabel(preset: PermissionPreset): string {
  const { name, sentence } = PRESETS[preset];
  return `${name}: ${sentence}`;
}

/** The "use the default" choice, naming the preset the default currently is. */
export function defaultPresetLabel(preset: PermissionPreset): string {
  return `Default (${presetLabel(preset)})`;
}
