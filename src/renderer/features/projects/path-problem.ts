import { typedError } from '../../ui/describe-error';

const messages: Record<string, string> = {
  NOT_FOUND: 'No folder exists at this path.',
  NOT_A_DIRECTORY: 'This path is a file, not a folder.',
  NOT_A_GIT_REPOSITORY: 'This folder is not a git repository.',
  BARE_REPOSITORY: 'This is a bare repository; add a checked-out work tree instead.',
  NO_COMMITS: 'This repository has no commits yet; commit something first.',
  ALREADY_ADDED: 'This repository is already a project.',
};

/** The form's message for a failed `projects.add`: the typed problem when there is one. */
export function describeAddProjectError(error: unknown): string {
  const rejected = typedError<{ problem: string }>(error, 'PROJECT_PATH_REJECTED');
  if (rejected) return messages[rejected.data.problem] ?? rejected.message;
  const invalid = typedError<{ reason?: string }>(error, 'INVALID');
  if (invalid) return invalid.data?.reason ?? invalid.message;
  return error instanceof Error ? error.message : String(error);
}
