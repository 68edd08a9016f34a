import { loadSnapshots, routeEvent } from '../stores/sync';
import type { AppClient } from './client';
import { type Connection, startConnection } from './connection';
import { useConnection } from './connection-store';
import { openMessagePortLink } from './message-port-link';
import { takeServeToken } from './serve-token';
import { openWebSocketLink } from './websocket-link';

/** Starts the app's one connection: MessagePort in the desktop app, WebSocket `/rpc` in a browser. */
export function connect({ link, client }: AppClient): Connection {
  const open = window.factoryFactory ? openMessagePortLink : webSocketOpener();
  return startConnection({
    open,
    link,
    client,
    loadSnapshots,
    onEvent: routeEvent,
    status: useConnection.getState(),
  });
}

/** Reads the tab's serve token once (it leaves the address bar then) and offers it on every (re)connect. */
function webSocketOpener() {
  const token = takeServeToken(window.location, window.history, window.sessionStorage);
  return () => openWebSocketLink(token);
}
