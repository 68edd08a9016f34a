import type { QueuedPrompt, Session } from '@shared/contract/sessions';
import { useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { FieldError } from '../../ui/field-error';

/**
 * Prompts waiting for the running turn to end, in order; each can be edited or removed until it is sent. After
 * a Stop the core holds them (`queueHeld`): they wait for "Resume queue", and a new message goes first.
 */
export function QueueList({ session }: { session: Session }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  if (!session.queue.length) return null;
  const resume = () =>
    client.sessions.resumeQueue({ sessionId: session.id }).then(
      () => setError(null),
      (e) => setError(describeError(e)),
    );
  return (
    <section className="ff-queue" aria-label="Queued messages" data-held={session.queueHeld || undefined}>
      <div className="ff-queue-head">
        <h3>
          {session.queueHeld
            ? `Queued, on hold after Stop (${session.queue.length})`
            : `Queued (${session.queue.length})`}
        </h3>
        {session.queueHeld && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => void resume()}>
            Resume queue
          </button>
        )}
      </div>
      <FieldError message={error} />
      <ol>
        {session.queue.map((q) => (
          <QueuedRow key={q.id} sessionId={session.id} item={q} />
        ))}
      </ol>
    </section>
  );
}

function QueuedRow({ sessionId, item }: { sessionId: string; item: QueuedPrompt }) {
  const client = useClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (call: Promise<unknown>) =>
    call.then(
      () => {
        setEditing(null);
        setError(null);
      },
      (e) => setError(describeError(e)),
    );
  return (
    <li>
      {editing === null ? (
        <>
          <span className="ff-queue-text">{item.text}</span>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => setEditing(item.text)}
            aria-label={`Edit queued message: ${item.text}`}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label={`Remove queued message: ${item.text}`}
            onClick={() => void run(client.sessions.removeQueued({ sessionId, queuedId: item.id }))}
          >
            Remove
          </button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              client.sessions.updateQueued({
                sessionId,
                queuedId: item.id,
                text: editing,
                mentions: item.mentions,
              }),
            );
          }}
        >
          <textarea
            aria-label="Queued message"
            value={editing}
            rows={2}
            onChange={(e) => setEditing(e.target.value)}
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={!editing.trim()}>
            Save
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
      <FieldError message={error} />
    </li>
  );
}
