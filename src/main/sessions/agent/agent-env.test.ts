import { describe, expect, it } from 'vitest';
import { buildAgentEnv } from './agent-env';

const source = {
  PATH: '/usr/bin',
  LC_ALL: 'C',
  ANTHROPIC_API_KEY: 'sk-ant-123456',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:1',
  ANTHROPIC_FOO: 'not for agents',
  CLAUDE_CODE_USE_BEDROCK: '1',
  CLAUDE_UNRELATED: 'x',
  AWS_REGION: 'eu-west-1',
  AWS_PROFILE: 'bedrock',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-123',
  AWS_ACCESS_KEY_ID: 'AKIA123456',
  GOOGLE_API_KEY: 'google-123456',
  OPENAI_API_KEY: 'sk-openai-123',
  OPENAI_FOO: 'no',
  CODEX_HOME: '/home/u/.codex',
  GITHUB_TOKEN: 'ghp_123456',
};

const build = (providerKind: 'claude' | 'codex' | 'custom', overrides: Record<string, string> = {}) =>
  buildAgentEnv({ source, providerKind, workspace: { FF_WORKSPACE: 'w1' }, overrides });

describe('buildAgentEnv', () => {
  it('passes claude the variables its adapter reads, named one by one, and nothing else of the family', () => {
    const { env } = build('claude');
    expect(Object.keys(env).sort()).toEqual(
      [
        'PATH',
        'LC_ALL',
        'ANTHROPIC_API_KEY',
        'ANTHROPIC_BASE_URL',
        'CLAUDE_CODE_USE_BEDROCK',
        'AWS_REGION',
        'AWS_PROFILE',
        'FF_WORKSPACE',
      ].sort(),
    );
  });

  it('passes codex its key and home, not other OPENAI_* or the claude family', () => {
    const { env } = build('codex');
    expect(Object.keys(env).sort()).toEqual(
      ['PATH', 'LC_ALL', 'OPENAI_API_KEY', 'CODEX_HOME', 'FF_WORKSPACE'].sort(),
    );
  });

  it('passes a custom agent only the allow-list; the user settings add to any provider and win', () => {
    expect(Object.keys(build('custom').env).sort()).toEqual(['FF_WORKSPACE', 'LC_ALL', 'PATH']);
    const { env, secrets } = build('claude', {
      AWS_SECRET_ACCESS_KEY: 'set-by-user',
      AWS_REGION: 'us-east-1',
    });
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('set-by-user');
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(secrets).toEqual(expect.arrayContaining(['sk-ant-123456', 'set-by-user']));
  });
});
