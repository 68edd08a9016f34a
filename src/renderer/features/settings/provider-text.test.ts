import { describe, expect, it } from 'vitest';
import { availabilityLabel, fromDraft, toDraft } from './provider-text';

describe('provider drafts', () => {
  it('round-trips settings through the text fields', () => {
    const settings = {
      label: 'Fake',
      command: 'node',
      args: ['agent.js', '--x'],
      env: { A: '1', B_2: 'x=y' },
    };
    expect(fromDraft(toDraft(settings))).toEqual({ ok: true, value: settings });
  });

  it('drops blank lines and empty fields', () => {
    expect(fromDraft({ label: ' ', command: ' node ', args: '\n a \n\n', env: '\n' })).toEqual({
      ok: true,
      value: { command: 'node', args: ['a'] },
    });
  });

  it.each(['novalue', '=x', '1A=b', 'A B=c'])('rejects the env line %j with its line number', (line) => {
    expect(fromDraft({ label: '', command: '', args: '', env: `OK=1\n${line}` })).toEqual({
      ok: false,
      error: 'Environment line 2: expected KEY=value',
    });
  });
});

describe('availabilityLabel', () => {
  it('says "not found" for a command that does not resolve, "unavailable" for other problems', () => {
    expect(availabilityLabel(true, null)).toBe('available');
    expect(availabilityLabel(false, 'Command not found: "x" is not on PATH')).toBe('not found');
    expect(availabilityLabel(false, 'The Claude ACP adapter is not installed')).toBe('unavailable');
  });
});
