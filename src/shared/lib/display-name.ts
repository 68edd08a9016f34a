// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * A display name made from someone else's text (an issue's or a PR's title): control characters (newlines, NUL,
 * escapes), which a workspace name refuses, become spaces; capped at `max` characters.
 */
export function displayName(text: string, max = 200): string {
  return text.replace(CONTROL, ' ').slice(0, max);
}
