import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ProjectScripts } from '../../shared/contract/projects';

export const REPO_CONFIG_FILE = 'factory-factory.json';

const Script = z.string().trim().min(1).max(10_000).optional();
const Scripts = z.object({ setup: Script, run: Script, cleanup: Script });
/** `{ "scripts": { "setup": "...", "run": "...", "cleanup": "..." } }`; top-level keys are accepted too. */
const RepoConfig = z.object({ scripts: Scripts.optional() }).and(Scripts);

export interface ResolvedScripts {
  scripts: ProjectScripts;
  /** Why factory-factory.json was ignored (unreadable or invalid), if it was. */
  warning: string | null;
}

/**
 * The scripts for a worktree: factory-factory.json in the worktree (checked in with the code) wins per key
 * over the project's settings. An invalid file is reported, not fatal: project settings apply.
 */
export function resolveScripts(worktreePath: string, projectScripts: ProjectScripts): ResolvedScripts {
  const fromSettings = pickScripts(projectScripts);
  let text: string;
  try {
    text = readFileSync(path.join(worktreePath, REPO_CONFIG_FILE), 'utf8');
  } catch {
    return { scripts: fromSettings, warning: null };
  }
  let parsed: z.infer<typeof RepoConfig>;
  try {
    const result = RepoConfig.safeParse(JSON.parse(text));
    if (!result.success) {
      return {
        scripts: fromSettings,
        warning: `${REPO_CONFIG_FILE} is invalid (${result.error.issues[0]?.message}); using project settings`,
      };
    }
    parsed = result.data;
  } catch (error) {
    return {
      scripts: fromSettings,
      warning: `${REPO_CONFIG_FILE} is not valid JSON (${(error as Error).message}); using project settings`,
    };
  }
  const fromFile = pickScripts({ ...parsed, ...parsed.scripts });
  return { scripts: { ...fromSettings, ...fromFile }, warning: null };
}

function pickScripts(source: ProjectScripts): ProjectScripts {
  const out: ProjectScripts = {};
  for (const key of ['setup', 'run', 'cleanup'] as const) {
    const value = source[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}
