import type { Problem } from './rpc-errors';

/**
 * The words a person reads for each expected failure: the one place they are written. The renderer shows
 * the error's message as it arrives. Undefined means the contract's declared message says it.
 */
export function problemMessage(problem: Problem): string | undefined {
  switch (problem.code) {
    case 'NOT_FOUND':
    case 'TERMINAL_EXITED':
      return undefined;
    case 'INVALID':
    case 'CONFLICT':
    case 'UNAVAILABLE':
    case 'AGENT_UNAVAILABLE':
      return problem.reason;
    case 'WORKSPACE_REJECTED':
    case 'GIT_REFUSED':
    case 'TERMINAL_REJECTED':
      return problem.detail;
    case 'PROJECT_PATH_REJECTED':
      return PROJECT_PATH_MESSAGES[problem.problem];
    case 'WRONG_STATUS':
      return `The workspace is ${problem.status}; this needs ${problem.allowed.join(' or ')}`;
    case 'ARCHIVE_REFUSED':
      return archiveRefusedMessage(problem.uncommittedFiles.length, problem.unpushedCommits);
    case 'AGENT_NOT_SIGNED_IN':
      return `${problem.provider} is not signed in. ${problem.loginHint}`;
    case 'SESSION_NOT_ACTIVE':
      return problem.readOnly
        ? 'This session is read-only: its agent cannot resume it. Continue in a new session.'
        : `The session is ${problem.status}${problem.reason ? ` (${problem.reason})` : ''}; restart it first`;
  }
}

const PROJECT_PATH_MESSAGES = {
  NOT_FOUND: 'No folder exists at this path.',
  NOT_A_DIRECTORY: 'This path is a file, not a folder.',
  NOT_A_GIT_REPOSITORY: 'This folder is not a git repository.',
  BARE_REPOSITORY: 'This is a bare repository; add a checked-out work tree instead.',
  NO_COMMITS: 'This repository has no commits yet; commit something first.',
  ALREADY_ADDED: 'This repository is already a project.',
} as const;

function archiveRefusedMessage(uncommittedFiles: number, unpushedCommits: number): string {
  const parts = [];
  if (uncommittedFiles) parts.push(`${uncommittedFiles} uncommitted file(s)`);
  if (unpushedCommits) parts.push(`${unpushedCommits} unpushed commit(s)`);
  return `Archiving would lose ${parts.join(' and ')}; commit and push, or archive anyway`;
}
