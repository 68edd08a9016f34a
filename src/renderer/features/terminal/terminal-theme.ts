import type { ITheme } from '@xterm/xterm';
import { useEffect, useState } from 'react';

export type ResolvedTheme = 'light' | 'dark';

const YELLOW = '#FFE500';

/** Brand terminal themes: Black background in dark, White in light, Factory Yellow cursor and selection. */
export const terminalThemes: Record<ResolvedTheme, ITheme> = {
  dark: {
    background: '#0A0A0A',
    foreground: '#FAFAFA',
    cursor: YELLOW,
    cursorAccent: '#0A0A0A',
    selectionBackground: 'rgba(255, 229, 0, 0.35)',
    selectionForeground: '#FAFAFA',
  },
  light: {
    background: '#FAFAFA',
    foreground: '#0A0A0A',
    cursor: '#0A0A0A',
    cursorAccent: YELLOW,
    selectionBackground: 'rgba(255, 229, 0, 0.55)',
    selectionForeground: '#0A0A0A',
    // The default ANSI yellow and white are unreadable on a light background.
    yellow: '#8a7300',
    brightYellow: '#a08600',
    white: '#55554f',
    brightWhite: '#0A0A0A',
  },
};

function currentTheme(): ResolvedTheme {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme the app shell applied to <html data-theme>, following its changes. */
export function useResolvedTheme(): ResolvedTheme {
  const [theme, setTheme] = useState<ResolvedTheme>(currentTheme);
  useEffect(() => {
    const update = () => setTheme(currentTheme());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, []);
  return theme;
}
