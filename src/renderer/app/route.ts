/** Where the app is. Lives in the URL hash so a reload (or a shared link) lands on the same view. */
export type Route =
  | { name: 'board'; projectId: string | null }
  | { name: 'workspace'; workspaceId: string; tab: WorkspaceTab | null }
  | { name: 'settings' }
  | { name: 'reviews'; reviewId: string | null }
  | { name: 'ratchet' };

export type WorkspaceTab = { kind: 'session' | 'terminal'; id: string } | { kind: 'changes' };

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, kind, tabId] = parts;
  if (head === 'settings') return { name: 'settings' };
  if (head === 'reviews') return { name: 'reviews', reviewId: id && SAFE_ID.test(id) ? id : null };
  if (head === 'ratchet') return { name: 'ratchet' };
  if (head === 'workspace' && id && SAFE_ID.test(id)) {
    return { name: 'workspace', workspaceId: id, tab: parseTab(kind, tabId) };
  }
  if (head === 'board' && id && SAFE_ID.test(id)) return { name: 'board', projectId: id };
  return { name: 'board', projectId: null };
}

function parseTab(kind: string | undefined, id: string | undefined): WorkspaceTab | null {
  if (kind === 'changes') return { kind: 'changes' };
  if ((kind === 'session' || kind === 'terminal') && id && SAFE_ID.test(id)) return { kind, id };
  return null;
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'settings':
      return '#/settings';
    case 'reviews':
      return route.reviewId ? `#/reviews/${route.reviewId}` : '#/reviews';
    case 'ratchet':
      return '#/ratchet';
    case 'board':
      return route.projectId ? `#/board/${route.projectId}` : '#/board';
    case 'workspace': {
      const base = `#/workspace/${route.workspaceId}`;
      if (!route.tab) return base;
      return route.tab.kind === 'changes' ? `${base}/changes` : `${base}/${route.tab.kind}/${route.tab.id}`;
    }
  }
}
