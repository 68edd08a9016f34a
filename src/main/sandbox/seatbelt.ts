import { mountPlan } from './mount-plan';
import type { SandboxPolicy } from './policy';

/** A string literal in the Seatbelt profile language (SBPL, a Scheme dialect). */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function filter(kind: 'dir' | 'file', p: string): string {
  return kind === 'dir' ? `(subpath ${quote(p)})` : `(literal ${quote(p)})`;
}

/**
 * The macOS Seatbelt profile (for `sandbox-exec -p <profile>`) enforcing the same policy as bubblewrap: writes
 * denied everywhere but the policy's writable folders and the private temp folder (the agent's TMPDIR; /tmp
 * cannot be replaced on macOS), hidden folders unreadable, the same steps in the same order (in SBPL a later
 * rule wins over an earlier one), and the network denied when the policy has none.
 */
export function seatbeltProfile(policy: SandboxPolicy): string {
  const lines = [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    '(allow file-write* (literal "/dev/null") (literal "/dev/zero") (regex #"^/dev/tty") (regex #"^/dev/fd/"))',
    `(allow file-read* file-write* ${filter('dir', policy.privateTemp)})`,
  ];
  for (const step of mountPlan(policy)) {
    const f = filter(step.kind, step.path);
    if (step.action === 'hide') lines.push(`(deny file-read* file-write* ${f})`);
    else if (step.action === 'write') lines.push(`(allow file-read* file-write* ${f})`);
    else lines.push(`(allow file-read* ${f})`, `(deny file-write* ${f})`);
  }
  if (!policy.network) lines.push('(deny network*)');
  return `${lines.join('\n')}\n`;
}
