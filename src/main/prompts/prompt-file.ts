import { parse as parseYaml } from 'yaml';
import { PromptMeta } from '../../shared/contract/prompts';
import { templateVariables } from './prompt-template';

/** A prompt file read and checked: its frontmatter, its template and the variables that template uses. */
export interface ParsedPrompt {
  meta: PromptMeta;
  body: string;
  variables: string[];
}

export type ParseOutcome = { ok: true; prompt: ParsedPrompt } | { ok: false; reason: string };

/** A prompt file larger than this is refused (a prompt, not a data dump). */
export const PROMPT_FILE_MAX_BYTES = 256 * 1024;

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads a prompt file: optional YAML frontmatter between `---` lines, then the template. Refuses bad YAML,
 * frontmatter that is not a mapping or has a wrong field, template syntax errors and an empty template.
 * Quick actions (`strict`) also refuse fields this version does not know, so a typo is not silently ignored.
 */
export function parsePromptFile(text: string, options: { strict?: boolean } = {}): ParseOutcome {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const source = text.slice(bom);
  const match = FRONTMATTER.exec(source);
  let raw: unknown = {};
  if (match) {
    try {
      raw = parseYaml(match[1] ?? '') ?? {};
    } catch (error) {
      return { ok: false, reason: `frontmatter is not valid YAML: ${firstLine((error as Error).message)}` };
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      return { ok: false, reason: 'frontmatter must be a mapping of fields (key: value)' };
    }
  } else if (/^---[ \t]*\r?\n/.test(source)) {
    return { ok: false, reason: 'frontmatter starts with --- but has no closing --- line' };
  }
  const schema = options.strict ? PromptMeta.strict() : PromptMeta;
  const meta = schema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `frontmatter ${where}${issue?.message ?? 'is invalid'}` };
  }
  const body = match ? source.slice(match[0].length) : source;
  if (body.trim() === '') return { ok: false, reason: 'the template is empty (it would render to nothing)' };
  const used = templateVariables(body);
  if (!used.ok) return { ok: false, reason: used.reason };
  return { ok: true, prompt: { meta: meta.data, body, variables: used.variables } };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
