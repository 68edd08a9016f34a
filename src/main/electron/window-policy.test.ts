import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAppUrl, isSafeExternalUrl, mainWindowOptions } from './window-policy';

describe('desktop window policy', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it.each([
    ['file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html', true],
    ['file:///etc/passwd', 'file:///app/out/renderer/index.html', false],
    ['http://localhost:5173/board', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['https://evil.example/', 'file:///app/out/renderer/index.html', false],
    ['not a url', 'http://localhost:5173/', false],
  ])('navigation to %s from %s allowed: %s', (url, app, allowed) => {
    expect(isAppUrl(url, app)).toBe(allowed);
  });

  it.each([
    ['https://github.com/acme/widgets/pull/1', true],
    ['http://localhost:3000', true],
    ['mailto:someone@example.com', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
  ])('opens %s externally: %s', (url, allowed) => {
    expect(isSafeExternalUrl(url)).toBe(allowed);
  });

  it('uses a strict CSP, relaxed only for the dev server it names', () => {
    const packaged = contentSecurityPolicy();
    expect(packaged).toContain("default-src 'self'");
    expect(packaged).toContain("object-src 'none'");
    expect(packaged).not.toContain("'unsafe-eval'");
    expect(packaged).not.toContain("script-src 'self' 'unsafe-inline'");
    const dev = contentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain('ws://localhost:5173');
  });
});
