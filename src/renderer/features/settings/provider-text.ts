import type { ProviderSettings } from '@shared/contract/settings';

/** The provider editor's text fields: one argument per line, one KEY=value per line. */
export interface ProviderDraft {
  label: string;
  command: string;
  args: string;
  env: string;
}

export function toDraft(settings: ProviderSettings | undefined): ProviderDraft {
  return {
    label: settings?.label ?? '',
    command: settings?.command ?? '',
    args: (settings?.args ?? []).join('\n'),
    env: Object.entries(settings?.env ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  };
}

export type DraftResult = { ok: true; value: ProviderSettings } | { ok: false; error: string };

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a draft; blank lines are ignored, a malformed env line is reported by its line number. */
export function fromDraft(draft: ProviderDraft): DraftResult {
  const env: Record<string, string> = {};
  const envLines = draft.env.split('\n');
  for (const [index, raw] of envLines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!ENV_KEY.test(key)) return { ok: false, error: `Environment line ${index + 1}: expected KEY=value` };
    env[key] = line.slice(eq + 1);
  }
  const args = draft.args
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);
  const value: ProviderSettings = {};
  if (draft.label.trim()) value.label = draft.label.trim();
  if (draft.command.trim()) value.command = draft.command.trim();
  if (args.length) value.args = args;
  if (Object.keys(env).length) value.env = env;
  return { ok: true, value };
}

/**
 * The badge for a provider's availability. The core words a command that does not resolve as
 * "Command not found: …" (src/main/sessions/command-lookup.ts); that shows as "not found".
 */
export function availabilityLabel(available: boolean, problem: string | null): string {
  if (available) return 'available';
  return problem?.startsWith('Command not found') ? 'not found' : 'unavailable';
}
