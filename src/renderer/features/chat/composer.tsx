import type { Session } from '@shared/contract/sessions';
import { useId, useMemo, useRef, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';
import { runQuickAction, useWorkspaceQuickActions } from '../automation/quick-actions-store';
import {
  type ActiveToken,
  activeToken,
  applySuggestion,
  mentionsIn,
  type Suggestion,
  suggestCommands,
  suggestFiles,
} from './composer-suggestions';
import { useWorktreeFiles } from './use-worktree-files';
import { wakeOnIntent } from './wake-on-intent';

/**
 * The prompt box: multiline (Enter sends, Shift+Enter breaks the line), `@` completes worktree files, `/`
 * the agent's commands and the quick actions (`/review-changes` alone runs that action). While a turn runs, what is sent is queued by the core and shows in the queue.
 */
export function Composer({ session }: { session: Session }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const token = activeToken(text, caret);
  const files = useWorktreeFiles(session.workspaceId, token?.kind === 'mention');
  const known = useMemo(() => new Set(files), [files]);
  const quickActions = useWorkspaceQuickActions(session.workspaceId);
  // The agent's own commands win a name both have.
  const ownCommands = useMemo(() => {
    const agent = new Set(session.commands.map((c) => c.name));
    const quick = quickActions
      .filter((a) => !agent.has(a.name))
      .map((a) => ({ name: a.name, description: `Quick action: ${a.title}`, inputHint: null }));
    return { quick, all: [...session.commands, ...quick] };
  }, [session.commands, quickActions]);

  const tokenKey = token ? `${token.start}:${token.kind}` : null;
  const suggestions: Suggestion[] =
    !token || tokenKey === dismissed
      ? []
      : token.kind === 'mention'
        ? suggestFiles(token.query, files)
        : suggestCommands(token.query, ownCommands.all);
  const active = Math.min(selected, Math.max(0, suggestions.length - 1));
  const running = session.status === 'RUNNING' || session.status === 'AWAITING_PERMISSION';
  const disabled = session.readOnly || session.status === 'ERROR' || session.status === 'STOPPED';

  const choose = (t: ActiveToken, s: Suggestion) => {
    const next = applySuggestion(text, t, s);
    setText(next.text);
    setCaret(next.caret);
    setSelected(0);
    requestAnimationFrame(() => areaRef.current?.setSelectionRange(next.caret, next.caret));
  };

  const send = async () => {
    const prompt = text.trim();
    if (!prompt || sending) return;
    setSending(true);
    setError(null);
    const quick = /^\/([\w-]+)$/.exec(prompt)?.[1];
    const action = ownCommands.quick.some((q) => q.name === quick)
      ? quickActions.find((a) => a.name === quick)
      : undefined;
    try {
      if (action) {
        if (await runQuickAction(client, session.workspaceId, action, session.id)) {
          setText('');
          setCaret(0);
        }
        return;
      }
      await client.sessions.prompt({
        sessionId: session.id,
        text: prompt,
        mentions: mentionsIn(prompt, known),
      });
      setText('');
      setCaret(0);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSending(false);
      areaRef.current?.focus();
    }
  };

  const stop = () => {
    client.sessions.cancel({ sessionId: session.id }).catch((e) => setError(describeError(e)));
  };

  return (
    <form
      className="ff-composer"
      aria-label="Send a message"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {suggestions.length > 0 && token && (
        <div
          id={listId}
          className="ff-suggestions"
          role="listbox"
          aria-label={token.kind === 'mention' ? 'Files' : 'Commands'}
        >
          {suggestions.map((s, i) => (
            <div
              key={s.value}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(token, s);
              }}
            >
              <span className="mono">{s.kind === 'file' ? `@${s.value}` : `/${s.value}`}</span>
              {s.kind === 'command' && <span className="ff-suggestion-desc">{s.hint ?? s.description}</span>}
            </div>
          ))}
        </div>
      )}
      <textarea
        ref={areaRef}
        aria-label="Message"
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={suggestions.length ? `${listId}-${active}` : undefined}
        placeholder={
          disabled ? 'This session is not running' : 'Message the agent — @ to mention a file, / for commands'
        }
        rows={3}
        value={text}
        disabled={disabled}
        // Focusing and typing are intent to send: a hibernated agent starts waking now.
        onFocus={() => wakeOnIntent.wake(client, session)}
        onChange={(e) => {
          wakeOnIntent.wake(client, session);
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setDismissed(null);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (suggestions.length && token) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setSelected((active + step + suggestions.length) % suggestions.length);
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              const s = suggestions[active];
              if (s) {
                e.preventDefault();
                choose(token, s);
                return;
              }
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              setDismissed(tokenKey);
              return;
            }
          }
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <div className="ff-composer-actions">
        <FieldError message={error} />
        {running && (
          <button type="button" className="btn btn-danger" onClick={stop}>
            Stop
          </button>
        )}
        {/* Pressing Send leaves the focus in the message: on a phone the keyboard stays up and the layout
            does not move under the finger between press and release. */}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={disabled || sending || !text.trim()}
          onMouseDown={(e) => e.preventDefault()}
        >
          {running ? 'Queue' : 'Send'}
        </button>
      </div>
    </form>
  );
}
