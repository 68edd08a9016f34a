import type { Project } from '@shared/contract/projects';
import { toast } from 'sonner';
import { useShallow } from 'zustand/react/shallow';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';

/**
 * "Give agents GitHub access", per GitHub project, off by default: when on, that project's agents get the
 * user's token as GH_TOKEN (so `gh` works in the worktree). Applies to agents started afterwards.
 */
export function AgentGitHubAccess() {
  const client = useClient();
  const projects = useProjects(useShallow((s) => sortProjects(s.byId).filter((p) => p.github)));

  async function toggle(project: Project, on: boolean) {
    try {
      const updated = await client.projects.update({ id: project.id, agentGitHubAccess: on });
      useProjects.getState().upsert(updated);
    } catch (error) {
      toast.error(`Could not change ${project.name}`, { description: describeError(error) });
    }
  }

  return (
    <fieldset className="form-stack">
      <legend>Give agents GitHub access</legend>
      <p className="field-hint">
        The project's agents get your GitHub token as GH_TOKEN, so they can use <code>gh</code> and push. Off
        unless you turn it on; it applies to agents started afterwards.
      </p>
      {projects.length === 0 && <p className="field-hint">No project's origin is on GitHub.</p>}
      {projects.map((project) => (
        <label key={project.id} className="checkbox">
          <input
            type="checkbox"
            checked={project.agentGitHubAccess}
            onChange={(e) => void toggle(project, e.target.checked)}
          />{' '}
          {project.name}{' '}
          <span className="mono muted">{`${project.github?.owner}/${project.github?.repo}`}</span>
        </label>
      ))}
    </fieldset>
  );
}
