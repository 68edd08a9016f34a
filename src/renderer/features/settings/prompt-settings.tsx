import type { BrokenPrompt, PromptInfo } from '@shared/contract/prompts';
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';
import { FieldLabel } from '../../ui/form-parts';

/** Every prompt file that applies (built-in, your data folder, a project's) and every broken one with why. */
export function PromptSettings() {
  const client = useClient();
  const projects = useProjects(useShallow((s) => sortProjects(s.byId)));
  const [projectId, setProjectId] = useState('');
  const [list, setList] = useState<{ prompts: PromptInfo[]; broken: BrokenPrompt[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  useEffect(() => {
    let live = true;
    const load = () =>
      client.prompts.list({ projectId: projectId || undefined }).then(
        (result) => {
          if (!live) return;
          setList(result);
          setError(null);
        },
        (e) => {
          if (live) setError(describeError(e));
        },
      );
    void load();
    const off = onDomainEvent((event) => {
      if (event.type === 'prompts.changed') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, projectId]);

  return (
    <section className="settings-section" aria-labelledby="prompts-title">
      <h2 id="prompts-title">Prompts</h2>
      <p className="field-hint">
        Override a prompt by putting a file of the same name in your data folder's{' '}
        <span className="mono">prompts/</span> or a project's{' '}
        <span className="mono">.factory-factory/prompts/</span> (the project's wins). Edits apply at once.
      </p>
      <FieldLabel htmlFor={selectId}>Show for</FieldLabel>
      <select id={selectId} value={projectId} onChange={(e) => setProjectId(e.target.value)}>
        <option value="">Every project (built-in and your data folder)</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error && <p className="field-error">{error}</p>}
      {list && list.broken.length > 0 && (
        <div role="alert" aria-label="Broken prompt files">
          <h3>Broken files</h3>
          <ul>
            {list.broken.map((b) => (
              <li key={b.path}>
                <span className="mono">{b.path}</span>: {b.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {list && (
        <ul aria-label="Prompt files" className="prompt-files">
          {list.prompts.map((p) => (
            <li key={p.id}>
              <span className="mono">{p.id}</span> — {p.source === 'builtin' ? 'built-in' : p.source}
              {p.source !== 'builtin' && <span className="mono field-hint"> {p.path}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
