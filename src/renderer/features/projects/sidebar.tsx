import type { Project } from '@shared/contract/projects';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { navigate, useRouter } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { sortProjects, useProjects } from '../../stores/projects-store';
import { useWorkspaces, workspacesOf } from '../../stores/workspaces-store';
import { Icon } from '../../ui/icons';
import { WorkspaceStatusBadge } from '../workspace/status-badges';
import { AddProjectForm } from './add-project-form';

/** Projects and their live workspaces. A drawer on narrow screens. */
export function Sidebar() {
  const projects = useProjects(useShallow((s) => sortProjects(s.byId)));
  const loaded = useProjects((s) => s.loaded);
  const drawerOpen = useUi((s) => s.drawerOpen);
  const setDrawerOpen = useUi((s) => s.setDrawerOpen);
  const route = useRouter((s) => s.route);
  const allActive = route.name === 'board' && route.projectId === null;
  const close = () => setDrawerOpen(false);
  const nav = useRef<HTMLElement>(null);

  // The drawer opens where the user is: a long list of projects is scrolled to the current page's entry.
  useEffect(() => {
    if (drawerOpen && nav.current) revealCurrentEntry(nav.current);
  }, [drawerOpen]);

  return (
    <>
      <nav
        ref={nav}
        id="sidebar"
        className="sidebar"
        data-open={drawerOpen}
        aria-label="Projects and workspaces"
      >
        <button
          type="button"
          className="sidebar-link"
          aria-current={allActive ? 'page' : undefined}
          onClick={() => {
            navigate({ name: 'board', projectId: null });
            close();
          }}
        >
          <Icon name="board" /> All projects
        </button>
        <button
          type="button"
          className="sidebar-link show-narrow"
          aria-current={route.name === 'ratchet' ? 'page' : undefined}
          onClick={() => {
            navigate({ name: 'ratchet' });
            close();
          }}
        >
          <Icon name="ratchet" /> Ratchet
        </button>
        <h2 className="sidebar-heading">Projects</h2>
        {loaded && projects.length === 0 && (
          <p className="field-hint">No projects yet. Add a local repository below.</p>
        )}
        <ul className="project-list" aria-label="Projects">
          {projects.map((p) => (
            <ProjectEntry key={p.id} project={p} onNavigate={close} />
          ))}
        </ul>
        <AddProjectForm onAdded={close} />
      </nav>
      {drawerOpen && (
        <button type="button" className="drawer-scrim" aria-label="Close navigation" onClick={close} />
      )}
    </>
  );
}

function ProjectEntry({ project, onNavigate }: { project: Project; onNavigate(): void }) {
  const workspaces = useWorkspaces(useShallow((s) => workspacesOf(s.byId, project.id)));
  const route = useRouter((s) => s.route);
  const openNewWorkspace = useUi((s) => s.openNewWorkspace);
  const active = route.name === 'board' && route.projectId === project.id;
  return (
    <li className="project-entry">
      <div className="project-row">
        <button
          type="button"
          className="sidebar-link project-name"
          aria-current={active ? 'page' : undefined}
          title={project.path}
          onClick={() => {
            navigate({ name: 'board', projectId: project.id });
            onNavigate();
          }}
        >
          {project.name}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`New workspace in ${project.name}`}
          onClick={() => openNewWorkspace(project.id)}
        >
          <Icon name="plus" size={14} />
        </button>
      </div>
      {workspaces.length > 0 && (
        <ul className="workspace-list" aria-label={`Workspaces of ${project.name}`}>
          {workspaces.map((w) => (
            <li key={w.id}>
              <button
                type="button"
                className="sidebar-link workspace-link"
                aria-current={route.name === 'workspace' && route.workspaceId === w.id ? 'page' : undefined}
                onClick={() => {
                  navigate({ name: 'workspace', workspaceId: w.id, tab: null });
                  onNavigate();
                }}
              >
                <span className="workspace-link-name">{w.name}</span>
                <WorkspaceStatusBadge status={w.status} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Scrolls the sidebar (not the page) so that the entry marked as the current page is in the middle of it. */
function revealCurrentEntry(sidebar: HTMLElement) {
  const entry = sidebar.querySelector('.project-list [aria-current="page"]');
  if (!entry) return;
  const box = sidebar.getBoundingClientRect();
  const at = entry.getBoundingClientRect();
  if (at.top >= box.top && at.bottom <= box.bottom) return;
  sidebar.scrollTop += at.top - box.top - (box.height - at.height) / 2;
}
