import type { Session } from '@shared/contract/sessions';
import type { ErrorItem, PlanItem, TranscriptItem } from '@shared/lib/transcript';
import { memo, useState } from 'react';
import { Markdown } from './markdown';
import { PermissionCard } from './permission-card';
import { ToolCallView } from './tool-call-view';

export interface RowContext {
  sessionId: string;
  session: Session | null;
  pendingRequestIds: ReadonlySet<string>;
  /**
   * Seq of the error the session is failed with, or 0. The banner shows that one, with the only Restart;
   * the transcript shows earlier errors.
   */
  failedWithSeq: number;
}

/** One transcript item. Memoized on the item's identity: the reducer replaces an item when it changes. */
export const TranscriptRow = memo(function TranscriptRow({
  item,
  ctx,
}: {
  item: TranscriptItem;
  ctx: RowContext;
}) {
  switch (item.kind) {
    case 'user':
      return (
        <article className="ff-msg ff-msg-user" aria-label="Your message">
          <p className="ff-msg-text">{item.text}</p>
          {item.attachments.length > 0 && (
            <ul className="ff-attachments" aria-label="Mentioned files">
              {item.attachments.map((a) => (
                <li key={a} className="mono">
                  @{a}
                </li>
              ))}
            </ul>
          )}
        </article>
      );
    case 'agent_message':
      return (
        <article className="ff-msg ff-msg-agent" aria-label="Agent message">
          <Markdown text={item.text} />
        </article>
      );
    case 'thought':
      return <Thought text={item.text} />;
    case 'tool_call':
      return <ToolCallView item={item} />;
    case 'plan':
      return <PlanView item={item} />;
    case 'permission':
      return (
        <PermissionCard
          item={item}
          sessionId={ctx.sessionId}
          pending={ctx.pendingRequestIds.has(item.requestId)}
        />
      );
    case 'error':
      return item.seq === ctx.failedWithSeq ? null : <ErrorView item={item} ctx={ctx} />;
    case 'notice':
      return (
        <p className="ff-notice" data-severity={item.severity}>
          {item.text}
        </p>
      );
  }
});

/** Collapsed by default; its markdown is only rendered once opened. */
function Thought({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="ff-thought" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Thought</summary>
      {open && <Markdown text={text} />}
    </details>
  );
}

const PLAN_MARK = { pending: '○', in_progress: '◐', completed: '●' } as const;

function PlanView({ item }: { item: PlanItem }) {
  const done = item.entries.filter((e) => e.status === 'completed').length;
  return (
    <section className="ff-plan" aria-label={`Plan, ${done} of ${item.entries.length} done`}>
      <h3>Plan</h3>
      <ul>
        {item.entries.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: plan entries have no id; the plan is replaced whole
          <li key={i} data-status={e.status}>
            <input
              type="checkbox"
              readOnly
              checked={e.status === 'completed'}
              aria-label={e.content}
              tabIndex={-1}
            />
            <span aria-hidden="true">{PLAN_MARK[e.status]}</span> {e.content}
            {e.status === 'in_progress' && <span className="visually-hidden"> (in progress)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ErrorView({ item, ctx }: { item: ErrorItem; ctx: RowContext }) {
  const session = ctx.session;
  return (
    <section className="ff-error" aria-label="Agent error">
      <p>
        <strong>{item.authRequired ? 'Sign-in needed' : 'Error'}</strong> {item.message}
      </p>
      {item.authRequired && (
        <p className="ff-error-hint">
          {session?.loginHint ?? 'Sign in to this agent in a terminal, then restart the session.'}
        </p>
      )}
    </section>
  );
}
