import { randomUUID } from 'node:crypto';
import type { RequestPermissionRequest, RequestPermissionResponse } from '@agentclientprotocol/sdk';
import type {
  PendingPermission,
  PermissionDecisionKind,
  PermissionPreset,
} from '../../../shared/contract/sessions';
import type { Reach } from '../client/fs-confinement';
import { choicesOf, decidePermission, optionFor } from './permission-policy';

interface Waiting {
  request: RequestPermissionRequest;
  info: PendingPermission;
  resolve(response: RequestPermissionResponse): void;
}

export interface PermissionBrokerHost {
  preset(): PermissionPreset;
  /** Where the session's agent acts: its worktree first (see `insideRoots`). */
  reach(): Reach;
  alwaysAllowed(): string[];
  rememberAlways(toolKind: string): void;
  logRequest(payload: unknown): void;
  logDecision(payload: unknown): void;
  /** The user declined a request (by its title): the agent may end the turn `cancelled` because of it. */
  declined(title: string): void;
  /** The set of requests waiting on the user changed. */
  pendingChanged(pending: PendingPermission[]): void;
}

const CANCELLED: RequestPermissionResponse = { outcome: { outcome: 'cancelled' } };

/**
 * Answers `session/request_permission`: by the preset where it decides, otherwise by the user (allow once,
 * allow always, reject), choosing the agent's option by its kind.
 */
export class PermissionBroker {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly host: PermissionBrokerHost) {}

  get pending(): PendingPermission[] {
    return [...this.waiting.values()].map((w) => w.info);
  }

  /** Settles by the preset where it decides, otherwise when the user answers (or the request is cancelled). */
  async request(request: RequestPermissionRequest, signal: AbortSignal): Promise<RequestPermissionResponse> {
    const requestId = randomUUID();
    this.host.logRequest({ requestId, toolCall: request.toolCall, options: request.options });
    const policy = await decidePermission({
      preset: this.host.preset(),
      toolCall: request.toolCall,
      reach: this.host.reach(),
      alwaysAllowed: this.host.alwaysAllowed(),
    });
    if ('decide' in policy) {
      const option = optionFor(request.options, policy.decide);
      if (option) {
        this.host.logDecision({
          requestId,
          outcome: { outcome: 'selected', optionId: option.optionId },
          decision: policy.decide,
          by: policy.by,
        });
        return { outcome: { outcome: 'selected', optionId: option.optionId } };
      }
    }
    if (signal.aborted) {
      this.host.logDecision({ requestId, outcome: CANCELLED.outcome, decision: 'cancelled', by: 'system' });
      return CANCELLED;
    }
    return new Promise((resolve) => {
      const toolCall = request.toolCall;
      this.waiting.set(requestId, {
        request,
        resolve,
        info: {
          requestId,
          title: toolCall.title ?? 'Permission requested',
          toolKind: toolCall.kind ?? null,
          toolCallId: toolCall.toolCallId ?? null,
          locations: (toolCall.locations ?? []).map((l) => l.path),
          choices: choicesOf(request.options),
          createdAt: Date.now(),
        },
      });
      signal.addEventListener('abort', () => this.settle(requestId, CANCELLED, 'cancelled', 'system'), {
        once: true,
      });
      this.host.pendingChanged(this.pending);
    });
  }

  /** The user's answer; false when the request is no longer pending. */
  answer(requestId: string, decision: PermissionDecisionKind): boolean {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return false;
    const option = optionFor(waiting.request.options, decision);
    if (decision === 'allow_always' && waiting.info.toolKind) this.host.rememberAlways(waiting.info.toolKind);
    if (decision === 'reject') this.host.declined(waiting.info.title);
    const response: RequestPermissionResponse = option
      ? { outcome: { outcome: 'selected', optionId: option.optionId } }
      : CANCELLED;
    this.settle(requestId, response, option ? decision : 'cancelled', 'user');
    return true;
  }

  /** Answers every waiting request `cancelled` (turn cancelled, agent stopped). */
  cancelAll(): void {
    for (const requestId of [...this.waiting.keys()])
      this.settle(requestId, CANCELLED, 'cancelled', 'system');
  }

  private settle(
    requestId: string,
    response: RequestPermissionResponse,
    decision: PermissionDecisionKind | 'cancelled',
    by: 'user' | 'system',
  ): void {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return;
    this.waiting.delete(requestId);
    this.host.logDecision({ requestId, outcome: response.outcome, decision, by });
    this.host.pendingChanged(this.pending);
    waiting.resolve(response);
  }
}
