/**
 * Removes secrets from text before it is logged: API keys, bearer tokens, GitHub tokens, the serve token,
 * and `KEY=value` pairs whose key names a secret.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(sk-ant-[A-Za-z0-9_-]{8,}|sk-[A-Za-z0-9_-]{16,})/g, '[redacted-key]'],
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, '[redacted-github-token]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]'],
  [/([?&]token=)[^&\s"']+/gi, '$1[redacted]'],
  [
    /\b([A-Z0-9_]*(?:API_KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH)[A-Z0-9_]*)(["']?\s*[=:]\s*["']?)[^\s"',}]+/gi,
    '$1$2[redacted]',
  ],
];

export function redact(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
