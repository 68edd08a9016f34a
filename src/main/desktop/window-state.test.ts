import { describe, expect, it } from 'vitest';
import { restoreWindowState } from './window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const second = { x: 1920, y: 0, width: 1280, height: 800 };

describe('restoreWindowState', () => {
  it('reopens where the window was', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: true };
    expect(restoreWindowState(saved, screen)).toEqual(saved);
    expect(
      restoreWindowState({ x: 2000, y: 10, width: 900, height: 600 }, [...screen, second]),
    ).toMatchObject({
      x: 2000,
      maximized: false,
    });
  });

  it('falls back to the default placement when the display is gone or the title bar is off screen', () => {
    expect(restoreWindowState({ x: 2000, y: 10, width: 900, height: 600 }, screen)).toBeNull();
    expect(restoreWindowState({ x: 100, y: -200, width: 900, height: 600 }, screen)).toBeNull();
    expect(restoreWindowState({ x: 100, y: 1060, width: 900, height: 600 }, screen)).toBeNull();
  });

  it('ignores a missing, hand-edited or too small state', () => {
    expect(restoreWindowState(undefined, screen)).toBeNull();
    expect(restoreWindowState('{"x":1}', screen)).toBeNull();
    expect(restoreWindowState({ x: 0, y: 0, width: 10, height: 10 }, screen)).toBeNull();
    expect(restoreWindowState({ x: 0.5, y: 0, width: 900, height: 600 }, screen)).toBeNull();
  });
});
