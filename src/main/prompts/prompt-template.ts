import Mustache from 'mustache';

/** A variable name as templates write it: `{{branch}}`, `{{#issue}}…{{/issue}}`. */
const VARIABLE = /^\w+$/;

export type TemplateCheck = { ok: true; variables: string[] } | { ok: false; reason: string };

/**
 * The variables a logic-less template uses (values, sections, inverted sections), or why it cannot be used:
 * a syntax error, a partial (`{{> x}}`, there are none), a name that is not a plain word.
 */
export function templateVariables(template: string): TemplateCheck {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    return { ok: false, reason: `template syntax: ${(error as Error).message}` };
  }
  const names = new Set<string>();
  const walk = (list: unknown[]): string | null => {
    for (const token of list as Array<[string, string, number, number, unknown[]?]>) {
      const [kind, value] = token;
      if (kind === 'text' || kind === '!' || kind === '=') continue;
      if (kind === '>') return `partials are not supported ({{> ${value}}})`;
      if (!VARIABLE.test(value)) return `{{${value}}} is not a variable name (letters, digits, _)`;
      names.add(value);
      const children = token[4];
      if ((kind === '#' || kind === '^') && Array.isArray(children)) {
        const problem = walk(children);
        if (problem) return problem;
      }
    }
    return null;
  };
  const problem = walk(tokens);
  return problem ? { ok: false, reason: problem } : { ok: true, variables: [...names].sort() };
}

/**
 * Renders a template with string values, without HTML escaping (prompts are markdown for an agent), in one
 * pass: a value containing `{{…}}` is not expanded again. A variable the template uses that has no value is a
 * mistake in the template or its caller, so it throws.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  const used = templateVariables(template);
  if (!used.ok) throw new Error(`Prompt template: ${used.reason}`);
  const missing = used.variables.filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    throw new Error(`Prompt template placeholder ${missing.map((m) => `{{${m}}}`).join(', ')} has no value`);
  }
  return Mustache.render(template, values, undefined, { escape: (text: string) => text });
}

/**
 * Text from outside (GitHub, a check's output) as a fenced block labelled untrusted. The fence is longer than
 * any run of backticks in the text, so nothing inside can close it and pose as instructions after it.
 */
export function fenceUntrusted(label: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}untrusted ${label}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}
