import { useDesktopUpdate } from './update-store';

/** "Restart to update" in the top bar once the desktop app has downloaded an update; nothing otherwise. */
export function RestartToUpdate() {
  const version = useDesktopUpdate((s) => s.ready);
  const bridge = window.factoryFactory;
  if (!version || !bridge) return null;
  return (
    <button
      type="button"
      className="btn btn-small btn-primary"
      title={`Version ${version} is downloaded; restarting installs it`}
      onClick={() => bridge.restartToUpdate()}
    >
      Restart to update ({version})
    </button>
  );
}
