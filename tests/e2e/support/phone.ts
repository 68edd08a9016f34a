import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

const LAYOUT_PROBLEMS_SCRIPT = readFileSync(
  path.join(import.meta.dirname, 'layout-problems.browser.js'),
  'utf8',
);

/** The phone the remote-access specs use: an iPhone-sized viewport with touch, in Chromium. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
};

/** A screenshot attached to the test's output (shown in the report) under `name`. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

export interface LayoutProblems {
  /** Elements wider than the viewport. */
  wide: string[];
  /** Scrollable boxes that scroll sideways, other than code, tables, diffs, the terminal and tab strips. */
  sideways: string[];
  /** Visible controls smaller than 44 × 44 CSS pixels. */
  small: string[];
  /** Elements partly off the screen's sides with nothing to scroll them into view. */
  clipped: string[];
}

/**
 * What breaks a phone layout on the current screen: anything wider than the viewport, sideways scrolling
 * (the page's or a box's, except content that is meant to scroll: code, tables, diffs, the terminal), and
 * touch targets under 44 px.
 */
export function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(LAYOUT_PROBLEMS_SCRIPT) as Promise<LayoutProblems>;
}
