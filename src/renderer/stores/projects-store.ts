import type { Project } from '@shared/contract/projects';
import { createEntityStore } from './entity-store';

export const useProjects = createEntityStore<Project>();

/** Oldest first, like `projects.list`. */
export function sortProjects(byId: Record<string, Project>): Project[] {
  return Object.values(byId).sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
}
