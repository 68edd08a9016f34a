import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(720).max(100_000),
  height: z.number().int().min(480).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

/** Pixels of the title bar that must be on a screen for the user to grab the window. */
const GRAB = 48;

/**
 * The saved window state to reopen with, or null for the default placement: the file may be missing, edited by
 * hand or from another screen layout, so it is used only when valid and its top edge is on a display.
 */
export function restoreWindowState(saved: unknown, displays: Rect[]): WindowState | null {
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success) return null;
  const { x, y, width } = parsed.data;
  const reachable = displays.some(
    (d) => y >= d.y && y + GRAB <= d.y + d.height && x + width - GRAB >= d.x && x + GRAB <= d.x + d.width,
  );
  return reachable ? parsed.data : null;
}
