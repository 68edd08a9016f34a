/** Variables every agent may see from the app's environment (DESIGN.md "Security model"). */
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'LANG',
  'LANGUAGE',
  'TERM',
  'SHELL',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'COLORTERM',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Windows needs these to start anything at all.
  'SYSTEMROOT',
  'SystemRoot',
  'COMSPEC',
  'PATHEXT',
  'WINDIR',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'PROGRAMDATA',
]);

/**
 * Variables each built-in adapter reads, taken from the app's environment when present, named one by one
 * (read from claude-agent-acp / the Claude Agent SDK and the codex-acp binary). General cloud credentials
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) are not among them: they open far more than
 * the model, so they reach an agent only when the user sets them in the provider's settings.
 */
export const PROVIDER_VARIABLES: Record<'claude' | 'codex', readonly string[]> = {
  claude: [
    // Anthropic API
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'ANTHROPIC_BASE_URL',
    'ANTHROPIC_CUSTOM_HEADERS',
    'ANTHROPIC_MODEL',
    'ANTHROPIC_DEFAULT_OPUS_MODEL',
    'ANTHROPIC_DEFAULT_SONNET_MODEL',
    'ANTHROPIC_DEFAULT_HAIKU_MODEL',
    'ANTHROPIC_SMALL_FAST_MODEL',
    'CLAUDE_CODE_OAUTH_TOKEN',
    'CLAUDE_CONFIG_DIR',
    'CLAUDE_CODE_EXECUTABLE',
    // Amazon Bedrock
    'CLAUDE_CODE_USE_BEDROCK',
    'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
    'ANTHROPIC_BEDROCK_BASE_URL',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_BEARER_TOKEN_BEDROCK',
    // Google Vertex AI
    'CLAUDE_CODE_USE_VERTEX',
    'CLAUDE_CODE_SKIP_VERTEX_AUTH',
    'ANTHROPIC_VERTEX_BASE_URL',
    'ANTHROPIC_VERTEX_PROJECT_ID',
    'CLOUD_ML_REGION',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GOOGLE_CLOUD_PROJECT',
    // Microsoft Foundry
    'CLAUDE_CODE_USE_FOUNDRY',
    'ANTHROPIC_FOUNDRY_API_KEY',
    'ANTHROPIC_FOUNDRY_RESOURCE',
    'ANTHROPIC_FOUNDRY_BASE_URL',
    // Behaviour switches
    'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
    'DISABLE_TELEMETRY',
    'CLAUDE_CODE_MAX_OUTPUT_TOKENS',
    'MAX_THINKING_TOKENS',
    'IS_SANDBOX',
  ],
  codex: ['OPENAI_API_KEY', 'CODEX_API_KEY', 'OPENAI_ORGANIZATION', 'CODEX_HOME', 'CODEX_CA_CERTIFICATE'],
};

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH)/i;

/**
 * The environment of an agent process: the allow-list and LC_* from `source`, the provider's variables, the
 * workspace envelope, then the provider's user overrides (which win). `secrets` lists values that must be
 * registered with the logger so they never reach a log line.
 */
export function buildAgentEnv(input: {
  source: NodeJS.ProcessEnv;
  providerKind: 'claude' | 'codex' | 'custom';
  workspace: Record<string, string>;
  overrides: Record<string, string>;
  extra?: Record<string, string>;
}): { env: Record<string, string>; secrets: string[] } {
  const env: Record<string, string> = {};
  const providerVariables: readonly string[] =
    input.providerKind === 'custom' ? [] : PROVIDER_VARIABLES[input.providerKind];
  for (const [name, value] of Object.entries(input.source)) {
    if (value === undefined) continue;
    if (ALLOWED.has(name) || name.startsWith('LC_') || providerVariables.includes(name)) env[name] = value;
  }
  Object.assign(env, input.workspace, input.extra ?? {}, input.overrides);
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value.length >= 6)
    .map(([, value]) => value);
  return { env, secrets };
}
