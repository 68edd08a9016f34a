/** Where the tab keeps the serve token: per tab, survives reloads, never sent anywhere by the browser. */
export const SERVE_TOKEN_KEY = 'factory-factory.serve-token';

/**
 * The serve token for this tab. `ff serve` prints (and opens) `/?token=…`; the first load moves the token
 * into sessionStorage and drops it from the address bar and history, so later reloads of the tab find it
 * there. Null when the tab was opened without it.
 */
export function takeServeToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(SERVE_TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(SERVE_TOKEN_KEY);
}
