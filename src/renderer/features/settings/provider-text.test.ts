import { describe, expect, it } from 'vitest';
import { availabilityLabel, envRow, fromDraft, looksSecret, toDraft } from './provider-text';

describe('provider drafts', () => {
  it('round-trips settings through the fields, values exactly as stored', () => {
    const settings = {
      label: 'Fake',
      command: 'node',
      args: ['agent.js', '--x'],
      env: { A: '1', B_2: 'x=y', API_KEY: ' spaced secret ', EMPTY: '' },
      sandbox: { network: false, writablePaths: ['~/.cache/agent', '/var/agent'] },
    };
    expect(fromDraft(toDraft(settings))).toEqual({ ok: true, value: settings });
  });

  it('keeps the sandbox defaults out of the stored settings, and refuses a relative state folder', () => {
    expect(fromDraft(toDraft({ command: 'a' }))).toEqual({ ok: true, value: { command: 'a' } });
    expect(fromDraft({ ...toDraft({}), statePaths: 'cache' })).toEqual({
      ok: false,
      error: 'State folders: "cache" is not an absolute path (or one starting with ~/)',
    });
  });

  it('drops blank lines, empty rows and empty fields', () => {
    expect(
      fromDraft({
        ...toDraft({}),
        label: ' ',
        command: ' node ',
        args: '\n a \n\n',
        env: [envRow(), envRow(' ', '')],
      }),
    ).toEqual({ ok: true, value: { command: 'node', args: ['a'] } });
  });

  it.each(['', '1A', 'A B', 'A=B'])('rejects the variable name %j with its row number', (key) => {
    expect(fromDraft({ ...toDraft({}), env: [envRow('OK', '1'), envRow(key, 'v')] })).toEqual({
      ok: false,
      error: 'Environment variable 2: a name is letters, digits and "_", not starting with a digit',
    });
  });

  it('rejects a name set twice rather than dropping one value', () => {
    const env = [envRow('TOKEN', 'a'), envRow(' TOKEN ', 'b')];
    expect(fromDraft({ ...toDraft({}), env })).toEqual({
      ok: false,
      error: 'Environment variable 2: TOKEN is already set',
    });
  });

  it('keeps a variable named like an Object property as a plain entry', () => {
    const result = fromDraft({ ...toDraft({}), env: [envRow('constructor', 'x')] });
    expect(result).toEqual({ ok: true, value: { env: { constructor: 'x' } } });
  });

  it.each([
    ['ANTHROPIC_API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['client_secret', true],
    ['DB_PASSWORD', true],
    ['DB_PASSWD', true],
    // Claude Code's extra request headers: where a gateway's API key or bearer token goes.
    ['ANTHROPIC_CUSTOM_HEADERS', true],
    ['ANTHROPIC_BASE_URL', false],
    ['HTTPS_PROXY', false],
  ])('%s looks secret: %s', (key, secret) => {
    expect(looksSecret(key)).toBe(secret);
  });
});

describe('availabilityLabel', () => {
  it('says "not found" for a command that does not resolve, "unavailable" for other problems', () => {
    expect(availabilityLabel(true, null)).toBe('available');
    expect(availabilityLabel(false, 'Command not found: "x" is not on PATH')).toBe('not found');
    expect(availabilityLabel(false, 'The Claude ACP adapter is not installed')).toBe('unavailable');
  });
});
