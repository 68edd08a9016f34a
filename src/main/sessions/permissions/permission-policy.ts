import path from 'node:path';
import type { PermissionOption, PermissionOptionKind, ToolCallUpdate } from '@agentclientprotocol/sdk';
import type { PermissionDecisionKind, PermissionPreset } from '../../../shared/contract/sessions';
import { confinePath, type Reach } from '../client/fs-confinement';

/** Tool kinds that only look: allowed without asking under STRICT and RELAXED when they look inside. */
const LOOKING = new Set(['read', 'search']);
const EDITING = new Set(['edit', 'delete', 'move']);

export type PolicyOutcome = { decide: PermissionDecisionKind; by: 'preset' | 'rule' } | { ask: true };

/**
 * Decides a `session/request_permission` without the user where the preset (or an earlier "allow always"
 * for this tool kind) allows it. Decisions are made on the tool's kind and locations, never on option ids
 * (they differ per adapter).
 */
export async function decidePermission(input: {
  preset: PermissionPreset;
  toolCall: ToolCallUpdate;
  /** The worktree, then the project's extra writable folders, minus what the sandbox hides. */
  reach: Reach;
  alwaysAllowed: readonly string[];
}): Promise<PolicyOutcome> {
  const kind = input.toolCall.kind ?? 'other';
  if (input.preset === 'YOLO') return { decide: 'allow_once', by: 'preset' };
  if (input.alwaysAllowed.includes(kind)) return { decide: 'allow_once', by: 'rule' };
  if (kind === 'think') return { decide: 'allow_once', by: 'preset' };
  const looks = LOOKING.has(kind);
  const edits = input.preset === 'RELAXED' && EDITING.has(kind);
  if ((looks || edits) && (await locationsInside(input.toolCall, input.reach, edits ? 'write' : 'read'))) {
    return { decide: 'allow_once', by: 'preset' };
  }
  return { ask: true };
}

/**
 * True when the tool call names where it acts and every place is really inside the worktree (symlinks
 * resolved, `.git` excluded for writes). A call without locations could point anywhere (claude's Grep
 * carries its path only in the title), so it is not inside.
 */
async function locationsInside(
  toolCall: ToolCallUpdate,
  reach: Reach,
  purpose: 'read' | 'write',
): Promise<boolean> {
  const locations = toolCall.locations ?? [];
  if (locations.length === 0 || reach.roots[0] === undefined) return false;
  const root = path.resolve(reach.roots[0]);
  for (const l of locations) {
    const target = path.resolve(root, l.path);
    if (target === root && purpose === 'write') return false;
    const confined = await confinePath(reach, target, purpose).catch(() => null);
    if (!confined?.ok) return false;
  }
  return true;
}

const PREFERENCE: Record<PermissionDecisionKind, PermissionOptionKind[]> = {
  allow_once: ['allow_once', 'allow_always'],
  allow_always: ['allow_always', 'allow_once'],
  reject: ['reject_once', 'reject_always'],
};

/** The option that carries a decision, chosen by option kind; null when the agent offers none. */
export function optionFor(
  options: readonly PermissionOption[],
  decision: PermissionDecisionKind,
): PermissionOption | null {
  for (const kind of PREFERENCE[decision]) {
    const option = options.find((o) => o.kind === kind);
    if (option) return option;
  }
  return null;
}

/** The decisions a set of options makes possible, for the UI's buttons. */
export function choicesOf(options: readonly PermissionOption[]): PermissionDecisionKind[] {
  const kinds = new Set(options.map((o) => o.kind));
  const choices: PermissionDecisionKind[] = [];
  if (kinds.has('allow_once') || kinds.has('allow_always')) choices.push('allow_once');
  if (kinds.has('allow_always')) choices.push('allow_always');
  if (kinds.has('reject_once') || kinds.has('reject_always')) choices.push('reject');
  return choices;
}
