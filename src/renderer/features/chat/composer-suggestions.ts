/** The token under the caret that asks for suggestions: `@path` anywhere, `/command` at the very start. */
export interface ActiveToken {
  kind: 'mention' | 'command';
  query: string;
  /** Range of the whole token (including `@` or `/`) in the text. */
  start: number;
  end: number;
}

export type Suggestion =
  | { kind: 'file'; value: string }
  | { kind: 'command'; value: string; description: string; hint: string | null };

export function activeToken(text: string, caret: number): ActiveToken | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end] ?? '')) end++;
  const token = text.slice(start, end);
  if (token.startsWith('@')) return { kind: 'mention', query: token.slice(1, caret - start), start, end };
  if (token.startsWith('/') && start === 0)
    return { kind: 'command', query: token.slice(1, caret - start), start, end };
  return null;
}

/** Files ranked by where the query matches: file name prefix, then name, then anywhere in the path. */
export function suggestFiles(query: string, files: readonly string[], limit = 8): Suggestion[] {
  const q = query.toLowerCase();
  const scored: Array<{ path: string; score: number }> = [];
  for (const path of files) {
    const lower = path.toLowerCase();
    const name = lower.slice(lower.lastIndexOf('/') + 1);
    const score = !q ? 3 : name.startsWith(q) ? 0 : name.includes(q) ? 1 : lower.includes(q) ? 2 : -1;
    if (score >= 0) scored.push({ path, score });
  }
  scored.sort((a, b) => a.score - b.score || a.path.length - b.path.length || a.path.localeCompare(b.path));
  return scored.slice(0, limit).map((s) => ({ kind: 'file', value: s.path }));
}

export function suggestCommands(
  query: string,
  commands: ReadonlyArray<{ name: string; description: string; inputHint: string | null }>,
  limit = 8,
): Suggestion[] {
  const q = query.toLowerCase();
  return commands
    .filter((c) => c.name.toLowerCase().startsWith(q))
    .slice(0, limit)
    .map((c) => ({ kind: 'command', value: c.name, description: c.description, hint: c.inputHint }));
}

/** Replaces the active token by the chosen suggestion and puts the caret after it (and a space). */
export function applySuggestion(
  text: string,
  token: ActiveToken,
  s: Suggestion,
): { text: string; caret: number } {
  const inserted = `${s.kind === 'file' ? '@' : '/'}${s.value} `;
  const rest = text.slice(token.end).replace(/^ /, '');
  return { text: text.slice(0, token.start) + inserted + rest, caret: token.start + inserted.length };
}

/** The `@path` mentions in a prompt that name a known file, in order, without repeats. */
export function mentionsIn(text: string, known: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\s)@(\S+)/g)) {
    const path = match[1]?.replace(/[.,;:!?)]+$/, '') ?? '';
    if (known.has(path) && !found.includes(path)) found.push(path);
  }
  return found;
}
