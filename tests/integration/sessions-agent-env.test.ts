import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

// Set in the app's (this process's) environment before the agents start.
const APP_ENV: Record<string, string> = {
  ANTHROPIC_API_KEY: 'sk-ant-from-app',
  ANTHROPIC_FOO: 'unlisted',
  CLAUDE_CODE_USE_BEDROCK: '1',
  CLAUDE_FOO: 'unlisted',
  AWS_REGION: 'eu-west-1',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-from-app',
  GOOGLE_API_KEY: 'google-from-app',
  OPENAI_API_KEY: 'sk-openai-from-app',
  OPENAI_FOO: 'unlisted',
  CODEX_HOME: '/tmp/codex-home-from-app',
};
const NAMES = Object.keys(APP_ENV);

describe('sessions: the environment an agent gets', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let workspaceId: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [name, value] of Object.entries(APP_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    workspaceId = (await seedWorkspace(t)).workspace.id;
    const script = { default: [{ env: [...NAMES, 'USER_SET'] }, { text: 'done' }] };
    await useFakeAgent(t, script, 'claude');
    await useFakeAgent(t, script, 'codex');
    await useFakeAgent(t, script, 'mine');
    const current = await t.client.settings.get();
    const claude = current.providers.claude;
    await t.client.settings.update({
      providers: {
        ...current.providers,
        claude: { ...claude, env: { ...claude?.env, USER_SET: 'from settings' } },
      },
    });
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** The fake agent's report of the environment it got (claude and codex keep their kind with a command override). */
  async function envSeenBy(provider: string): Promise<string> {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'show env' });
    const text = await watch.text(session.id, 'done');
    await t.client.sessions.stop({ sessionId: session.id });
    return text;
  }

  it('claude gets the variables its adapter reads, not unlisted ones of the same families', async () => {
    const text = await envSeenBy('claude');
    for (const name of ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_USE_BEDROCK', 'AWS_REGION'])
      expect(text).toContain(`env ${name}=${APP_ENV[name]}\n`);
    for (const name of [
      'ANTHROPIC_FOO',
      'CLAUDE_FOO',
      'AWS_SECRET_ACCESS_KEY',
      'GOOGLE_API_KEY',
      'OPENAI_API_KEY',
    ])
      expect(text).toContain(`env ${name}=<unset>\n`);
    expect(text).toContain('env USER_SET=from settings\n');
  });

  it('codex gets its key and home, not other OPENAI_* or the claude family', async () => {
    const text = await envSeenBy('codex');
    for (const name of ['OPENAI_API_KEY', 'CODEX_HOME'])
      expect(text).toContain(`env ${name}=${APP_ENV[name]}\n`);
    for (const name of ['OPENAI_FOO', 'ANTHROPIC_API_KEY', 'AWS_REGION'])
      expect(text).toContain(`env ${name}=<unset>\n`);
  });

  it('a custom agent gets none of them', async () => {
    const text = await envSeenBy('mine');
    for (const name of NAMES) expect(text).toContain(`env ${name}=<unset>\n`);
  });
});
