import { useEffect, useRef, useState } from 'react';
import { Toaster } from 'sonner';
import { IterateDialog } from '../features/automation/iterate-dialog';
import { SchedulesDialog } from '../features/automation/schedules-dialog';
import { Board } from '../features/board/board';
import { startDesktopCommands } from '../features/desktop/desktop-commands';
import { startNotifier } from '../features/notifications/notifier';
import { CommandPalette } from '../features/palette/command-palette';
import { installShortcuts } from '../features/palette/shortcuts';
import { Sidebar } from '../features/projects/sidebar';
import { RatchetPage } from '../features/ratchet/ratchet-page';
import { ReviewsPage } from '../features/reviews/reviews-page';
import { SettingsPage } from '../features/settings/settings-page';
import { NewWorkspaceDialog } from '../features/workspace/new-workspace-dialog';
import { WorkspaceView } from '../features/workspace/workspace-view';
import { useSettings } from '../stores/settings-store';
import { createAppClient } from '../transport/client';
import { ClientProvider } from '../transport/client-context';
import { connect } from '../transport/connect';
import type { Connection } from '../transport/connection';
import { useNarrowScreen } from '../ui/use-narrow-screen';
import { startRefreshOnFocus } from './refresh-on-focus';
import { listenToHashChanges, useRouter } from './router-store';
import { TopBar } from './top-bar';
import { useTheme } from './use-theme';

export function App() {
  const [appClient] = useState(createAppClient);
  const connection = useRef<Connection | null>(null);
  const route = useRouter((s) => s.route);
  const theme = useSettings((s) => s.settings?.theme ?? 'system');
  const narrow = useNarrowScreen();
  useTheme();

  useEffect(() => {
    connection.current = connect(appClient);
    const stops = [
      listenToHashChanges(),
      installShortcuts(),
      startNotifier(),
      startDesktopCommands(),
      startRefreshOnFocus(appClient.client),
    ];
    return () => {
      connection.current?.stop();
      for (const stop of stops) stop();
    };
  }, [appClient]);

  return (
    <ClientProvider client={appClient.client}>
      <div className="app">
        <TopBar onRetry={() => connection.current?.retryNow()} />
        <Sidebar />
        <main className="main" id="main">
          {route.name === 'board' && <Board projectId={route.projectId} />}
          {route.name === 'workspace' && <WorkspaceView workspaceId={route.workspaceId} tab={route.tab} />}
          {route.name === 'settings' && <SettingsPage />}
          {route.name === 'reviews' && <ReviewsPage reviewId={route.reviewId} />}
          {route.name === 'ratchet' && <RatchetPage />}
        </main>
        <NewWorkspaceDialog />
        <IterateDialog />
        <SchedulesDialog />
        <CommandPalette />
        {/* Top right, under the top bar: at the bottom they covered the composer's Send and Stop buttons. */}
        <Toaster
          position="top-right"
          offset={{ top: 'calc(var(--topbar-height) + 8px)', right: 16 }}
          mobileOffset={{ top: 'calc(var(--topbar-height) + 8px)' }}
          // On a phone a toast is swiped away: its 20 px close button would be too small to hit.
          closeButton={!narrow}
          richColors
          theme={theme}
        />
      </div>
    </ClientProvider>
  );
}
