/**
 * How a browser tab authenticates its serve-mode WebSocket. The token is not a cookie: browsers send cookies
 * to every port of a host, so a workspace's dev server on 127.0.0.1:<other port> would receive it. The page
 * offers two WebSocket subprotocols instead: RPC_SUBPROTOCOL, which the server selects (and echoes), and
 * TOKEN_SUBPROTOCOL_PREFIX + token, which it only reads. A subprotocol is a header, so unlike a `?token=` on
 * the socket URL it stays out of access logs and history. The token's base64url alphabet is valid there.
 */
export const RPC_SUBPROTOCOL = 'factory-factory.rpc';
export const TOKEN_SUBPROTOCOL_PREFIX = 'factory-factory.token.';

/**
 * The token a page offers when `ff proxy --private` signed it in. There the session cookie is the credential:
 * the proxy's gate checks the cookie and puts the server's real token on the forwarded WebSocket upgrade, so
 * the real token never reaches the phone.
 */
export const PROXY_SESSION_TOKEN = 'proxy-session';

/** The proxy gate's own pages and actions (see src/main/proxy/gate.ts); the app links to them. */
export const PROXY_PATHS = {
  signIn: '/login',
  account: '/__ff/account',
  signOut: '/__ff/sign-out',
  signOutEverywhere: '/__ff/sign-out-everywhere',
} as const;
