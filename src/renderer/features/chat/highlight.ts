import type { Highlighter } from 'shiki';

const THEMES = { light: 'github-light', dark: 'github-dark' } as const;
let highlighter: Promise<{ shiki: typeof import('shiki'); instance: Highlighter }> | null = null;
const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

/**
 * Highlights code to HTML with shiki, loaded on first use (it is large) with its JavaScript regex engine (no
 * WebAssembly, so a strict CSP is fine). Returns null for a language shiki does not know.
 */
export async function highlightCode(
  code: string,
  lang: string,
  theme: 'light' | 'dark',
): Promise<string | null> {
  const key = `${theme}\0${lang}\0${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  highlighter ??= import('shiki').then(async (shiki) => ({
    shiki,
    instance: await shiki.createHighlighter({
      themes: [THEMES.light, THEMES.dark],
      langs: [],
      engine: shiki.createJavaScriptRegexEngine(),
    }),
  }));
  const { shiki, instance } = await highlighter;
  const id = shiki.bundledLanguagesAlias[lang] ? lang : lang in shiki.bundledLanguages ? lang : null;
  if (!id) return null;
  if (!instance.getLoadedLanguages().includes(id)) await instance.loadLanguage(id as never);
  const html = instance.codeToHtml(code, { lang: id, theme: THEMES[theme] });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
