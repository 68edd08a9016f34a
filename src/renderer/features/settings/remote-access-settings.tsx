import { PROXY_PATHS, PROXY_SESSION_TOKEN } from '@shared/serve-protocol';
import { useState } from 'react';
import { SERVE_TOKEN_KEY } from '../../transport/serve-token';
import { FieldError } from '../../ui/field-error';

/** True when this tab was signed in through `ff proxy --private` (its token is the session placeholder). */
function behindPrivateProxy(): boolean {
  if (window.factoryFactory) return false;
  try {
    return window.sessionStorage.getItem(SERVE_TOKEN_KEY) === PROXY_SESSION_TOKEN;
  } catch {
    return false;
  }
}

/**
 * Remote access, shown only in a tab signed in through `ff proxy --private`: the account page, and "sign out
 * everywhere", which makes the proxy rotate its secret so every device's session ends.
 */
export function RemoteAccessSettings() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!behindPrivateProxy()) return null;
  const signOutEverywhere = async () => {
    setBusy(true);
    setError(null);
    try {
      // same-origin: under the app's no-referrer policy a POST would carry `Origin: null`, which the gate refuses.
      const res = await fetch(PROXY_PATHS.signOutEverywhere, {
        method: 'POST',
        credentials: 'same-origin',
        referrerPolicy: 'same-origin',
        redirect: 'manual',
      });
      if (res.type !== 'opaqueredirect' && !res.ok) throw new Error(`the proxy answered ${res.status}`);
      window.location.assign(PROXY_PATHS.signIn);
    } catch (e) {
      setError(`Could not sign out everywhere: ${(e as Error).message}`);
      setBusy(false);
    }
  };
  return (
    <section className="settings-section" aria-labelledby="remote-access-title">
      <h2 id="remote-access-title">Remote access</h2>
      <p className="field-hint">You are signed in through ff proxy --private.</p>
      <div className="form-actions">
        <a className="btn" href={PROXY_PATHS.account}>
          Account
        </a>
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy}
          onClick={() => void signOutEverywhere()}
        >
          Sign out everywhere
        </button>
      </div>
      <FieldError message={error} />
    </section>
  );
}
