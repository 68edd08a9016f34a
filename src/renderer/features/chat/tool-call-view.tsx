import type { ToolCallItem, ToolContentView } from '@shared/lib/transcript';
import { memo, useMemo, useState } from 'react';
import { Badge, type Tone } from '../../ui/badge';
import { hunksFromTexts } from '../diff/diff-rows';
import { DiffView } from '../diff/diff-view';

const STATUS: Record<ToolCallItem['status'], { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  in_progress: { label: 'Running', tone: 'info' },
  completed: { label: 'Done', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  not_run: { label: 'Not run', tone: 'neutral' },
};

/** A tool call with its status; its diffs, text and terminal output show when expanded (diffs start open). */
export const ToolCallView = memo(function ToolCallView({ item }: { item: ToolCallItem }) {
  const hasDiff = item.content.some((c) => c.type === 'diff');
  const [open, setOpen] = useState(hasDiff || item.status === 'failed');
  const status = STATUS[item.status];
  const output = outputText(item.rawOutput);
  // A diff already names its file.
  const diffPaths = new Set(item.content.flatMap((c) => (c.type === 'diff' ? [c.path] : [])));
  const locations = item.locations.filter((l) => !diffPaths.has(l.path));
  const hasBody = item.content.length > 0 || output !== null || locations.length > 0;
  return (
    <div className="ff-tool" data-status={item.status}>
      <button
        type="button"
        className="ff-tool-head"
        aria-expanded={hasBody ? open : undefined}
        aria-label={`Tool call ${item.title}: ${status.label}`}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="ff-tool-kind">{item.toolKind}</span>
        <span className="ff-tool-title">{item.title}</span>
        <Badge tone={status.tone} label={`Status: ${status.label}`}>
          {status.label}
        </Badge>
      </button>
      {open && hasBody && (
        <div className="ff-tool-body">
          {locations.length > 0 && (
            <ul className="ff-tool-locations">
              {locations.map((l) => (
                <li key={`${l.path}:${l.line ?? ''}`} className="mono">
                  {l.path}
                  {l.line ? `:${l.line}` : ''}
                </li>
              ))}
            </ul>
          )}
          {item.content.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: content is replaced as a whole, never reordered
            <ToolContent key={i} content={c} />
          ))}
          {output !== null && !item.content.some((c) => c.type === 'text') && (
            <pre className="ff-tool-output">{output}</pre>
          )}
        </div>
      )}
    </div>
  );
});

function ToolContent({ content }: { content: ToolContentView }) {
  switch (content.type) {
    case 'diff':
      return <ToolDiff path={content.path} oldText={content.oldText} newText={content.newText} />;
    case 'text':
      return <pre className="ff-tool-output">{content.text}</pre>;
    case 'terminal':
      return <p className="ff-tool-terminal">Ran in agent terminal {content.terminalId}</p>;
    default:
      return <p className="ff-tool-terminal">{content.label}</p>;
  }
}

function ToolDiff(props: { path: string; oldText: string | null; newText: string }) {
  const hunks = useMemo(() => hunksFromTexts(props.path, props.oldText, props.newText), [props]);
  return (
    <div className="ff-tool-diff">
      <div className="mono ff-tool-diff-path">
        {props.oldText === null ? 'New file ' : ''}
        {props.path}
      </div>
      <DiffView hunks={hunks} mode="unified" path={props.path} />
    </div>
  );
}

/** A readable form of a tool's raw output: strings as-is, `{ output | stdout | stderr }` fields, else JSON. */
function outputText(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string') return raw || null;
  if (typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const parts = ['output', 'stdout', 'stderr', 'formatted_output']
      .map((k) => r[k])
      .filter((v) => typeof v === 'string');
    if (parts.length) return parts.join('\n');
  }
  try {
    return JSON.stringify(raw, null, 2);
  } catch {
    return null;
  }
}
