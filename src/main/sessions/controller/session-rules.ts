import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentBlock, SessionUpdate } from '@agentclientprotocol/sdk';
import type { Session, SessionErrorKind } from '../../../shared/contract/sessions';
import type { AppSettings } from '../../../shared/contract/settings';
import { redact } from '../../logging/redact';
import { toCommands, toConfigOptions } from '../agent/agent-offers';
import type { AgentExit } from '../agent/agent-process';

/** A prompt's ACP content: an optional carried-over context, the text, and one resource link per mention. */
export function promptBlocks(
  text: string,
  mentions: string[],
  worktree: string,
  carryOver: string | null,
): ContentBlock[] {
  const blocks: ContentBlock[] = carryOver ? [{ type: 'text', text: carryOver }] : [];
  blocks.push({ type: 'text', text });
  for (const mention of mentions) {
    const file = path.resolve(worktree, mention);
    blocks.push({ type: 'resource_link', uri: pathToFileURL(file).href, name: path.basename(file) });
  }
  return blocks;
}

/** Applies what an update says about the session itself (mode, options, commands, title, usage). */
export function applyToSession(s: Session, u: SessionUpdate): boolean {
  switch (u.sessionUpdate) {
    case 'current_mode_update':
      s.modes = { ...s.modes, currentModeId: u.currentModeId };
      return true;
    case 'config_option_update':
      s.configOptions = toConfigOptions(u.configOptions);
      return true;
    case 'available_commands_update':
      s.commands = toCommands(u.availableCommands);
      return true;
    case 'session_info_update':
      if (!u.title) return false;
      s.title = u.title;
      return true;
    case 'usage_update':
      s.usage = { used: u.used, size: u.size, cost: u.cost ?? null };
      return true;
    default:
      return false;
  }
}

/** A failed or stopped session about to restart: STARTING, its failure cleared (a spent budget starts over). */
export function clearForRestart(s: Session): void {
  if (s.errorKind === 'BUDGET') {
    s.runningMs = 0;
    s.usage = null;
  }
  s.status = 'STARTING';
  s.statusReason = null;
  s.errorKind = null;
  s.loginHint = null;
  s.readOnly = false;
}

/** The agent is gone: hibernated (IDLE, it comes back on the next prompt) or STOPPED by the user. */
export function markStopped(s: Session, mode: 'stop' | 'hibernate'): void {
  if (mode === 'stop') {
    s.status = 'STOPPED';
    s.statusReason = null;
  }
  s.process = { state: mode === 'hibernate' ? 'hibernated' : 'none', pid: null, queuePosition: null };
}

/** The session failed: ERROR with its kind and reason (a sign-in hint only for NOT_SIGNED_IN), no process. */
export function markFailed(s: Session, kind: SessionErrorKind, reason: string): void {
  s.status = 'ERROR';
  s.errorKind = kind;
  s.statusReason = reason;
  if (kind !== 'NOT_SIGNED_IN') s.loginHint = null;
  s.process = { state: 'none', pid: null, queuePosition: null };
}

/** Why the session is over its budget, or null. */
export function budgetProblem(budget: AppSettings['sessionBudget'], s: Session): string | null {
  if (budget.tokens !== null && s.usage && s.usage.used >= budget.tokens) {
    return `Token budget used up (${s.usage.used} of ${budget.tokens} tokens)`;
  }
  if (budget.wallTimeMs !== null && s.runningMs >= budget.wallTimeMs)
    return wallTimeProblem(budget.wallTimeMs);
  return null;
}

export function wallTimeProblem(limitMs: number): string {
  return `Wall-time budget used up (${Math.round(limitMs / 1000)} s)`;
}

/** How an agent process ended, as an error kind and a reason (with the tail of its stderr, redacted). */
export function exitProblem(exit: AgentExit, stderr: string): { kind: SessionErrorKind; reason: string } {
  const tail = stderr.trim().split('\n').slice(-3).join(' | ');
  const detail = tail ? `: ${redact(tail)}` : '';
  if (exit.spawnError)
    return { kind: 'CRASHED', reason: `The agent could not be started (${exit.spawnError})` };
  if (exit.signal) return { kind: 'CRASHED', reason: `The agent was killed by ${exit.signal}${detail}` };
  return { kind: 'EXITED', reason: `The agent exited with code ${exit.code}${detail}` };
}
