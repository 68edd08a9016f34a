import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  const routes: Route[] = [
    { name: 'board', projectId: null },
    { name: 'board', projectId: 'p-1' },
    { name: 'settings' },
    { name: 'reviews', reviewId: null },
    { name: 'reviews', reviewId: 'r-1' },
    { name: 'workspace', workspaceId: 'w1', tab: null },
    { name: 'workspace', workspaceId: 'w1', tab: { kind: 'changes' } },
    { name: 'workspace', workspaceId: 'w1', tab: { kind: 'session', id: 's1' } },
    { name: 'workspace', workspaceId: 'w1', tab: { kind: 'terminal', id: 't_2' } },
  ];
  it.each(routes)('round-trips %j', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it.each([
    ['', { name: 'board', projectId: null }],
    ['#/nowhere', { name: 'board', projectId: null }],
    ['#/workspace/', { name: 'board', projectId: null }],
    ['#/workspace/a%2Fb', { name: 'board', projectId: null }],
    ['#/workspace/w1/session', { name: 'workspace', workspaceId: 'w1', tab: null }],
    ['#/workspace/w1/bogus/x', { name: 'workspace', workspaceId: 'w1', tab: null }],
    ['#/reviews/a%2Fb', { name: 'reviews', reviewId: null }],
  ])('falls back safely for %s', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });
});
