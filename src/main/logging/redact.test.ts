import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it.each([
    ['ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnop', 'sk-ant-api03'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123', 'ghp_abcdefghij'],
    ['Authorization: Bearer abc.def.ghi-jkl', 'abc.def.ghi'],
    ['open http://127.0.0.1:3000/?token=s3cr3tvalue&x=1', 's3cr3tvalue'],
    ['{"OPENAI_API_KEY": "sk-proj-0123456789abcdefghij"}', '0123456789abcdef'],
    ['GITHUB_TOKEN=plainvalue123', 'plainvalue123'],
  ])('removes the secret from %s', (input, secret) => {
    const out = redact(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted');
  });

  it('removes registered secrets wherever they appear and keeps ordinary text', () => {
    expect(redact('the serve token is Zx81kQ9PpL', ['Zx81kQ9PpL'])).toBe('the serve token is [redacted]');
    expect(redact('workspace fix-login is READY')).toBe('workspace fix-login is READY');
  });
});
