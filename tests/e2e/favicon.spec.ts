import { expect, test } from '@playwright/test';
import { openApp, serveUrl } from './support/app';

test('serves the brand favicon: the SVG the page links, and /favicon.ico', async ({ page, request }) => {
  await openApp(page);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const svg = await request.get(new URL(href ?? '', page.url()).href);
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  expect(await svg.text()).toContain('#FFE500');

  const ico = await request.get(`${new URL(serveUrl()).origin}/favicon.ico`);
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toBe('image/x-icon');
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
