import { PROXY_PATHS } from '../../shared/serve-protocol';

/**
 * The gate's own pages (sign-in and account), served without the app: no script, inline brand styles, one
 * form each. Phone-first: the form fills a narrow screen, inputs and buttons are at least 44 px tall.
 */

export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const SIGN_IN_PATH = PROXY_PATHS.signIn;
export const ACCOUNT_PATH = PROXY_PATHS.account;
export const SIGN_OUT_PATH = PROXY_PATHS.signOut;
export const SIGN_OUT_EVERYWHERE_PATH = PROXY_PATHS.signOutEverywhere;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `
:root { color-scheme: light dark; --yellow: #ffe500; --black: #0a0a0a; --white: #fafafa; --muted: #55554f;
  --danger: #c21d1d; --border: #dcdcd6; --bg: var(--white); --fg: var(--black); --raised: #ffffff;
  --focus: var(--black); }
@media (prefers-color-scheme: dark) { :root { --bg: var(--black); --fg: var(--white); --muted: #a8a89f;
  --danger: #ff6b6b; --border: #2c2c28; --raised: #161614; --focus: var(--yellow); } }
* { box-sizing: border-box; }
html, body { margin: 0; min-height: 100%; background: var(--bg); color: var(--fg);
  font: 16px/1.5 Inter, system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 420px; margin: 0 auto; padding: max(10vh, 24px) 20px 24px; }
.brand { display: flex; align-items: center; gap: 12px; margin-bottom: 28px; }
.mark { width: 40px; height: 40px; border-radius: 8px; background: var(--yellow); color: var(--black);
  display: grid; place-items: center; font-weight: 900; letter-spacing: -0.04em; }
h1 { font-size: 1.5rem; font-weight: 900; letter-spacing: -0.02em; margin: 0; }
p { margin: 0 0 16px; color: var(--muted); }
form { display: grid; gap: 12px; background: var(--raised); border: 1px solid var(--border); border-radius: 10px;
  padding: 20px; }
label { font-weight: 600; }
input { width: 100%; min-height: 48px; padding: 10px 12px; border: 1px solid var(--border); border-radius: 6px;
  background: var(--bg); color: var(--fg); font: inherit; font-size: 16px; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button { min-height: 48px; border: 0; border-radius: 6px; background: var(--yellow); color: var(--black);
  font: inherit; font-weight: 800; cursor: pointer; }
button.secondary { background: transparent; color: var(--fg); border: 1px solid var(--border); }
.error { color: var(--danger); font-weight: 600; margin: 0; }
a { color: inherit; display: inline-block; min-height: 44px; line-height: 44px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Factory Factory</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand"><div class="mark" aria-hidden="true">FF</div><h1>Factory Factory</h1></div>
${body}
</main>
</body>
</html>
`;
}

/** The sign-in form; `error` is shown above it and announced to screen readers. */
export function signInPage(error?: string): string {
  const alert = error ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(error)}</p>` : '';
  const described = error ? ' aria-describedby="sign-in-error"' : '';
  return page(
    'Sign in',
    `<p>This Factory Factory is shared through <code>ff proxy --private</code>. Enter the password it printed.</p>
<form method="post" action="${SIGN_IN_PATH}">
${alert}
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" autocapitalize="none"
  autocorrect="off" spellcheck="false" required autofocus${described}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** Signed in: until when, sign out here, or sign out everywhere (every device's session ends). */
export function accountPage(expiresAt: number): string {
  return page(
    'Account',
    `<p>Signed in on this device until ${escapeHtml(new Date(expiresAt).toUTCString())}.</p>
<form method="post" action="${SIGN_OUT_PATH}"><button type="submit" class="secondary">Sign out on this device</button></form>
<p></p>
<form method="post" action="${SIGN_OUT_EVERYWHERE_PATH}">
<p>Signing out everywhere ends every session on every device, this one included.</p>
<button type="submit">Sign out everywhere</button>
</form>
<p><a href="/">Back to Factory Factory</a></p>`,
  );
}
