import type { PermissionOption } from '@agentclientprotocol/sdk';
import { describe, expect, it } from 'vitest';
import { choicesOf, decidePermission, optionFor } from './permission-policy';

const root = '/work/tree';
const decide = (
  preset: 'STRICT' | 'RELAXED' | 'YOLO',
  kind: string,
  locations: string[] = [],
  always: string[] = [],
) =>
  decidePermission({
    preset,
    worktree: root,
    alwaysAllowed: always,
    toolCall: { toolCallId: 't', kind: kind as never, locations: locations.map((p) => ({ path: p })) },
  });

describe('decidePermission', () => {
  it.each([
    ['YOLO', 'execute', [], { decide: 'allow_once', by: 'preset' }],
    ['YOLO', 'edit', ['/etc/passwd'], { decide: 'allow_once', by: 'preset' }],
    ['STRICT', 'read', [], { decide: 'allow_once', by: 'preset' }],
    ['STRICT', 'edit', ['/work/tree/a.ts'], { ask: true }],
    ['STRICT', 'execute', [], { ask: true }],
    ['RELAXED', 'edit', ['/work/tree/a.ts'], { decide: 'allow_once', by: 'preset' }],
    ['RELAXED', 'delete', ['/work/tree/sub/b.ts'], { decide: 'allow_once', by: 'preset' }],
    ['RELAXED', 'edit', ['/work/tree/../other/a.ts'], { ask: true }],
    ['RELAXED', 'edit', [], { ask: true }],
    ['RELAXED', 'execute', [], { ask: true }],
    ['RELAXED', 'fetch', [], { ask: true }],
  ] as const)('%s + %s %j → %j', (preset, kind, locations, expected) => {
    expect(decide(preset, kind, [...locations])).toEqual(expected);
  });

  it('allows a tool kind the user allowed always', () => {
    expect(decide('STRICT', 'execute', [], ['execute'])).toEqual({ decide: 'allow_once', by: 'rule' });
  });
});

describe('optionFor / choicesOf', () => {
  const codex: PermissionOption[] = [
    { optionId: 'approved', name: 'Yes', kind: 'allow_once' },
    { optionId: 'approved-execpolicy-amendment', name: 'Always', kind: 'allow_always' },
    { optionId: 'abort', name: 'No', kind: 'reject_once' },
  ];
  it('picks options by kind, never by id', () => {
    expect(optionFor(codex, 'allow_once')?.optionId).toBe('approved');
    expect(optionFor(codex, 'allow_always')?.optionId).toBe('approved-execpolicy-amendment');
    expect(optionFor(codex, 'reject')?.optionId).toBe('abort');
    expect(optionFor([codex[2] as PermissionOption], 'allow_once')).toBeNull();
    expect(optionFor([{ optionId: 'x', name: 'x', kind: 'allow_always' }], 'allow_once')?.optionId).toBe('x');
  });
  it('offers the choices the options allow', () => {
    expect(choicesOf(codex)).toEqual(['allow_once', 'allow_always', 'reject']);
    expect(choicesOf([{ optionId: 'r', name: 'r', kind: 'reject_always' }])).toEqual(['reject']);
  });
});
