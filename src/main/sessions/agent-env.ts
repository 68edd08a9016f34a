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

/** Provider keys taken from the app's environment when present. */
const PROVIDER_KEYS: Record<string, RegExp> = {
  claude:
    /^(ANTHROPIC_[A-Z0-9_]+|CLAUDE_[A-Z0-9_]+|CLAUDE_CODE_[A-Z0-9_]+|AWS_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+)$/,
  codex: /^(OPENAI_[A-Z0-9_]+|CODEX_[A-Z0-9_]+|AZURE_OPENAI_[A-Z0-9_]+)$/,
};

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH)/i;

/**
 * The environment of an agent process: the allow-list and LC_* from `source`, the provider's keys, the
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
  const keyPattern = PROVIDER_KEYS[input.providerKind];
  for (const [name, value] of Object.entries(input.source)) {
    if (value === undefined) continue;
    if (ALLOWED.has(name) || name.startsWith('LC_') || keyPattern?.test(name)) env[name] = value;
  }
  Object.assign(env, input.workspace, input.extra ?? {}, input.overrides);
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value.length >= 6)
    .map(([, value]) => value);
  return { env, secrets };
}
