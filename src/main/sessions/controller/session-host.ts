import type { AppSettings } from '../../../shared/contract/settings';
import type { Logger } from '../../logging/logger';
import type { ProcessTracker } from '../../processes/process-registry';
import type { AgentSandbox } from '../../sandbox/agent-sandbox';
import type { AgentConnection } from '../agent/agent-connection';
import type { AgentProcess } from '../agent/agent-process';
import type { AgentTerminals } from '../agent/agent-terminals';
import type { Reach } from '../client/fs-confinement';
import type { SessionLogWriter } from '../session-log-writer';
import type { SessionRecord } from '../sessions-repository';
import type { Admission, AdmissionTicket } from './admission';

export interface SessionHost {
  log: SessionLogWriter;
  logger: Logger;
  admission: Admission;
  /** Records the process groups of agents and their terminals while they run. */
  processes: ProcessTracker;
  clientVersion: string;
  settings(): AppSettings;
  /** A turn ended in a workspace (its last activity). */
  turnEnded(workspaceId: string): void;
  /** The worktree, project and env envelope of a workspace, or null when it is gone. */
  workspace(id: string): { worktreePath: string; projectId: string; env: Record<string, string> } | null;
  /** Confines each agent process (bubblewrap, Seatbelt) by the session's policy. */
  sandbox: AgentSandbox;
  /** Stores the record and pushes `session.changed`. */
  save(record: SessionRecord): void;
}

/** A session's running agent: its process, ACP connection and terminals, and the slot it holds. */
export interface LiveAgent {
  process: AgentProcess;
  connection: AgentConnection;
  terminals: AgentTerminals;
  worktree: string;
  /** Where fs/* and auto-approved edits may act: the worktree, then the project's extra writable folders. */
  reach: Reach;
  ticket: AdmissionTicket;
}
