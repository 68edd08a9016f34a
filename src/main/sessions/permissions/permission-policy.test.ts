import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PermissionOption } from '@agentclientprotocol/sdk';
import { describe, expect, it } from 'vitest';
import { choicesOf, decidePermission, optionFor } from './permission-policy';

// A real worktree with a symlink out of it, and a "home" outside holding a secret.
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-policy-')));
const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-policy-home-')));
mkdirSync(path.join(root, 'sub'));
writeFileSync(path.join(root, 'a.ts'), 'a');
mkdirSync(path.join(home, '.ssh'));
writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'key');
symlinkSync(home, path.join(root, 'link-out'));
symlinkSync(path.join(root, 'sub'), path.join(root, 'link-in'));

const decide = (
  preset: 'STRICT' | 'RELAXED' | 'YOLO',
  kind: string,
  locations: string[] = [],
  always: string[] = [],
) =>
  decidePermission({
    preset,
    reach: { roots: [root], hidden: [] },
    alwaysAllowed: always,
    toolCall: {
      toolCallId: 't',
      kind: kind as never,
      locations: locations.map((p) => ({ path: p.replace('$ROOT', root).replace('$HOME', home) })),
    },
  });

const allow = { decide: 'allow_once', by: 'preset' };
const ask = { ask: true };

describe('decidePermission', () => {
  it('treats the folders added for the project sandbox as inside, like the worktree', async () => {
    const added = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-policy-added-')));
    const edit = (p: string) =>
      decidePermission({
        preset: 'RELAXED',
        reach: { roots: [root, added], hidden: [path.join(added, '.ssh')] },
        alwaysAllowed: [],
        toolCall: { toolCallId: 't', kind: 'edit', locations: [{ path: p }] },
      });
    expect(await edit(path.join(added, 'notes.md'))).toEqual(allow);
    expect(await edit(path.join(home, 'notes.md'))).toEqual(ask);
    expect(await edit(path.join(added, '.ssh', 'id_rsa'))).toEqual(ask);
  });

  it.each([
    ['YOLO', 'execute', [], allow],
    ['YOLO', 'edit', ['/etc/passwd'], allow],
    ['YOLO', 'read', ['$HOME/.ssh/id_rsa'], allow],
    ['STRICT', 'think', [], allow],
    ['STRICT', 'read', ['$ROOT/a.ts'], allow],
    ['STRICT', 'search', ['$ROOT'], allow],
    ['STRICT', 'read', ['$ROOT/link-in/new.ts'], allow],
    ['STRICT', 'read', ['$HOME/.ssh/id_rsa'], ask],
    ['RELAXED', 'read', ['$HOME/.ssh/id_rsa'], ask],
    ['RELAXED', 'search', ['$HOME/.ssh'], ask],
    ['RELAXED', 'read', ['$ROOT/link-out/.ssh/id_rsa'], ask],
    ['RELAXED', 'read', ['$ROOT/a.ts', '$HOME/.ssh/id_rsa'], ask],
    ['RELAXED', 'read', [], ask],
    ['STRICT', 'search', [], ask],
    ['STRICT', 'edit', ['$ROOT/a.ts'], ask],
    ['STRICT', 'execute', [], ask],
    ['RELAXED', 'edit', ['$ROOT/a.ts'], allow],
    ['RELAXED', 'edit', ['$ROOT/sub/not-yet/b.ts'], allow],
    ['RELAXED', 'delete', ['$ROOT/sub/b.ts'], allow],
    ['RELAXED', 'edit', ['$ROOT/../other/a.ts'], ask],
    ['RELAXED', 'edit', ['$ROOT/link-out/.ssh/authorized_keys'], ask],
    ['RELAXED', 'edit', ['$ROOT/link-out/new-dir/x'], ask],
    ['RELAXED', 'edit', ['$ROOT/.git/config'], ask],
    ['RELAXED', 'edit', ['$ROOT'], ask],
    ['RELAXED', 'edit', [], ask],
    ['RELAXED', 'execute', [], ask],
    ['RELAXED', 'fetch', [], ask],
  ] as const)('%s + %s %j → %j', async (preset, kind, locations, expected) => {
    expect(await decide(preset, kind, [...locations])).toEqual(expected);
  });

  it('allows a tool kind the user allowed always', async () => {
    expect(await decide('STRICT', 'execute', [], ['execute'])).toEqual({ decide: 'allow_once', by: 'rule' });
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
