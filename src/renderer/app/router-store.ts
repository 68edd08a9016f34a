import { create } from 'zustand';
import { formatRoute, parseRoute, type Route } from './route';

interface RouterStore {
  route: Route;
  navigate(route: Route): void;
}

/** The current route, mirrored to `location.hash` (history entries, reload-safe). */
export const useRouter = create<RouterStore>((set) => ({
  route:
    typeof window === 'undefined' ? { name: 'board', projectId: null } : parseRoute(window.location.hash),
  navigate: (route) => {
    const hash = formatRoute(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
}));

export function listenToHashChanges(): () => void {
  const onChange = () => useRouter.setState({ route: parseRoute(window.location.hash) });
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export const navigate = (route: Route) => useRouter.getState().navigate(route);
