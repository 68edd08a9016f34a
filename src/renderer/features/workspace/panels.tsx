/**
 * The panels engineer's components (features/chat, features/terminal, features/diff) plug in here.
 * Until each lands, a clearly labelled placeholder stands in.
 */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  return <Placeholder label="Chat" detail={`Chat panel for session ${sessionId} is not built yet.`} />;
}

export function TerminalPanel({ terminalId }: { terminalId: string }) {
  return <Placeholder label="Terminal" detail={`Terminal panel for ${terminalId} is not built yet.`} />;
}

export function ChangesPanel({ workspaceId }: { workspaceId: string }) {
  return (
    <Placeholder label="Changes" detail={`Changes panel for workspace ${workspaceId} is not built yet.`} />
  );
}

function Placeholder({ label, detail }: { label: string; detail: string }) {
  return (
    <section className="panel-placeholder" aria-label={`${label} (placeholder)`}>
      <h2>{label}</h2>
      <p className="field-hint">{detail}</p>
    </section>
  );
}
