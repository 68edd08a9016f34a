/**
 * The quick tunnel's public URL in a line cloudflared logs. The real one prints it inside a box on stderr:
 *
 *   2026-01-01T00:00:00Z INF |  https://some-random-words.trycloudflare.com                          |
 *
 * `api.trycloudflare.com` (named in its errors when it cannot get a tunnel) is not a tunnel.
 */
export function tunnelUrlIn(line: string): string | null {
  const match = /https:\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.trycloudflare\.com\b/i.exec(line);
  if (!match || match[1]!.toLowerCase() === 'api') return null;
  return match[0].toLowerCase();
}
