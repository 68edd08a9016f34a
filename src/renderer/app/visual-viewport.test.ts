import { describe, expect, it } from 'vitest';
import { followVisualViewport, VISUAL_VIEWPORT_HEIGHT } from './visual-viewport';

function fakeViewport(height: number) {
  const listeners = new Set<() => void>();
  return {
    height,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
    resize(to: number) {
      this.height = to;
      for (const l of listeners) l();
    },
    listeners,
  };
}

function fakeStyle() {
  const values = new Map<string, string>();
  return {
    values,
    setProperty: (name: string, value: string) => void values.set(name, value),
    removeProperty: (name: string) => {
      values.delete(name);
      return '';
    },
  };
}

describe('followVisualViewport', () => {
  it('follows the visual viewport as the on-screen keyboard opens and closes', () => {
    const viewport = fakeViewport(844);
    const style = fakeStyle();
    const stop = followVisualViewport({ visualViewport: viewport as never }, style);
    expect(style.values.get(VISUAL_VIEWPORT_HEIGHT)).toBe('844px');
    viewport.resize(508.4);
    expect(style.values.get(VISUAL_VIEWPORT_HEIGHT)).toBe('508px');
    viewport.resize(844);
    expect(style.values.get(VISUAL_VIEWPORT_HEIGHT)).toBe('844px');
    stop();
    expect(viewport.listeners.size).toBe(0);
    expect(style.values.has(VISUAL_VIEWPORT_HEIGHT)).toBe(false);
  });

  it('does nothing without a visual viewport (the layout falls back to 100dvh)', () => {
    const style = fakeStyle();
    followVisualViewport({ visualViewport: null }, style)();
    expect(style.values.size).toBe(0);
  });
});
