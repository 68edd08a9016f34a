import type { ProviderSettings } from '@shared/contract/settings';

/** One environment variable as edited: its value is always the real one, masking is the view's concern. */
export interface EnvRow {
  /** Stable React key: rows are added and removed in the middle. */
  id: number;
  key: string;
  value: string;
}

/** The provider editor's fields: one argument per line, one row per environment variable. */
export interface ProviderDraft {
  label: string;
  command: string;
  args: string;
  env: EnvRow[];
  /** The agent may use the network inside its sandbox (on unless turned off). */
  network: boolean;
  /** Extra folders the agent keeps its state in, writable inside the sandbox: one per line. */
  statePaths: string;
}

let nextRowId = 1;
export function envRow(key = '', value = ''): EnvRow {
  return { id: nextRowId++, key, value };
}

export { looksSecret } from '@shared/lib/secret-mask';

export function toDraft(settings: ProviderSettings | undefined): ProviderDraft {
  return {
    label: settings?.label ?? '',
    command: settings?.command ?? '',
    args: (settings?.args ?? []).join('\n'),
    env: Object.entries(settings?.env ?? {}).map(([k, v]) => envRow(k, v)),
    network: settings?.sandbox?.network ?? true,
    statePaths: (settings?.sandbox?.writablePaths ?? []).join('\n'),
  };
}

/** Non-empty trimmed lines. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A folder the core keeps: absolute, or under the home folder (`~/…`), as the contract requires. */
export function pathProblem(paths: readonly string[]): string | null {
  const bad = paths.find((p) => !/^(?:\/|~(?:[/\\]|$)|[A-Za-z]:[/\\]|\\\\)/.test(p));
  return bad ? `"${bad}" is not an absolute path (or one starting with ~/)` : null;
}

export type DraftResult = { ok: true; value: ProviderSettings } | { ok: false; error: string };

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses a draft; empty rows are ignored, a bad or repeated variable name is reported by its row number.
 * Values are kept exactly as typed.
 */
export function fromDraft(draft: ProviderDraft): DraftResult {
  const env = new Map<string, string>();
  for (const [index, row] of draft.env.entries()) {
    const key = row.key.trim();
    if (!key && !row.value) continue;
    if (!ENV_KEY.test(key))
      return {
        ok: false,
        error: `Environment variable ${index + 1}: a name is letters, digits and "_", not starting with a digit`,
      };
    if (env.has(key)) return { ok: false, error: `Environment variable ${index + 1}: ${key} is already set` };
    env.set(key, row.value);
  }
  const args = linesOf(draft.args);
  const statePaths = linesOf(draft.statePaths);
  const badPath = pathProblem(statePaths);
  if (badPath) return { ok: false, error: `State folders: ${badPath}` };
  const value: ProviderSettings = {};
  if (draft.label.trim()) value.label = draft.label.trim();
  if (draft.command.trim()) value.command = draft.command.trim();
  if (args.length) value.args = args;
  if (env.size) value.env = Object.fromEntries(env);
  if (!draft.network || statePaths.length) {
    value.sandbox = {
      ...(draft.network ? {} : { network: false }),
      ...(statePaths.length ? { writablePaths: statePaths } : {}),
    };
  }
  return { ok: true, value };
}

/**
 * The badge for a provider's availability. The core words a command that does not resolve as
 * "Command not found: …" (src/main/sessions/agent/command-lookup.ts); that shows as "not found".
 */
export function availabilityLabel(available: boolean, problem: string | null): string {
  if (available) return 'available';
  return problem?.startsWith('Command not found') ? 'not found' : 'unavailable';
}
