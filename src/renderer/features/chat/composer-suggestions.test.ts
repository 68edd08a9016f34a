import { describe, expect, it } from 'vitest';
import {
  activeToken,
  applySuggestion,
  mentionsIn,
  suggestCommands,
  suggestFiles,
} from './composer-suggestions';

describe('composer suggestions', () => {
  it('finds a mention under the caret anywhere and a command only at the start', () => {
    expect(activeToken('look at @src/ma please', 12)).toEqual({
      kind: 'mention',
      query: 'src',
      start: 8,
      end: 15,
    });
    expect(activeToken('/ini', 4)).toEqual({ kind: 'command', query: 'ini', start: 0, end: 4 });
    expect(activeToken('run /init', 9)).toBeNull();
    expect(activeToken('plain words', 5)).toBeNull();
  });

  it('ranks files by name prefix, then name, then path', () => {
    const files = ['src/readme-helper.ts', 'docs/guide.md', 'README.md', 'lib/my-read.ts'];
    expect(suggestFiles('read', files).map((s) => s.value)).toEqual([
      'README.md',
      'src/readme-helper.ts',
      'lib/my-read.ts',
    ]);
    expect(suggestFiles('zzz', files)).toEqual([]);
  });

  it('offers commands by prefix with their hint', () => {
    const commands = [
      { name: 'init', description: 'Create AGENTS.md', inputHint: null },
      { name: 'review', description: 'Review', inputHint: 'what to review' },
    ];
    expect(suggestCommands('re', commands)).toEqual([
      { kind: 'command', value: 'review', description: 'Review', hint: 'what to review' },
    ]);
  });

  it('replaces the token and places the caret after the inserted text', () => {
    const text = 'see @sr now';
    const token = activeToken(text, 7);
    expect(token).not.toBeNull();
    if (!token) return;
    expect(applySuggestion(text, token, { kind: 'file', value: 'src/a.ts' })).toEqual({
      text: 'see @src/a.ts now',
      caret: 14,
    });
  });

  it('extracts known mentions once, ignoring trailing punctuation and unknown paths', () => {
    const known = new Set(['src/a.ts', 'b.md']);
    expect(mentionsIn('fix @src/a.ts, then @b.md and @nope and @src/a.ts.', known)).toEqual([
      'src/a.ts',
      'b.md',
    ]);
    expect(mentionsIn('mail me@src/a.ts', known)).toEqual([]);
  });
});
