import path from 'node:path';
import type { SandboxPolicy } from './policy';

/** One step of confining the file system: `hide` covers a path, `write` opens it, `read` keeps it read-only. */
export interface MountStep {
  path: string;
  action: 'hide' | 'write' | 'read';
  kind: 'dir' | 'file';
}

const PRECEDENCE: Record<MountStep['action'], number> = { hide: 0, write: 1, read: 2 };

function depth(p: string): number {
  return p.split(path.sep).filter(Boolean).length;
}

/**
 * The policy as ordered steps over a read-only root, where a later step wins over an earlier one: shallower
 * paths first (a worktree inside the hidden data folder is opened after the folder is hidden), and at the
 * same path `read` over `write` over `hide`. Both the bubblewrap argv and the Seatbelt profile follow it, so
 * the two platforms enforce the same thing.
 */
export function mountPlan(policy: SandboxPolicy): MountStep[] {
  const steps: MountStep[] = [
    ...policy.hidden.map((p) => ({ path: p.path, action: 'hide' as const, kind: p.kind })),
    ...policy.writable.map((p) => ({ path: p.path, action: 'write' as const, kind: p.kind })),
    ...policy.readOnly.map((p) => ({ path: p.path, action: 'read' as const, kind: p.kind })),
  ];
  return steps
    .map((step, index) => ({ step, index }))
    .sort(
      (a, b) =>
        depth(a.step.path) - depth(b.step.path) ||
        PRECEDENCE[a.step.action] - PRECEDENCE[b.step.action] ||
        a.index - b.index,
    )
    .map(({ step }) => step);
}
