import { describe, expect, it } from 'vitest';
import { deepLinkInArgs, parseDeepLink } from './deep-link';

describe('factory-factory:// deep links', () => {
  it.each([
    ['factory-factory://workspace/w_1', { type: 'open-workspace', workspaceId: 'w_1' }],
    ['factory-factory://workspace/w1/', { type: 'open-workspace', workspaceId: 'w1' }],
    [
      'factory-factory://workspace/w1/session/s-2',
      { type: 'open-session', workspaceId: 'w1', sessionId: 's-2' },
    ],
    ['factory-factory://new-workspace', { type: 'new-workspace' }],
  ])('%s opens %o', (link, command) => {
    expect(parseDeepLink(link)).toEqual(command);
  });

  it.each([
    'https://workspace/w1',
    'factory-factory://workspace',
    'factory-factory://workspace/w1/session',
    'factory-factory://workspace/w1/session/s1/extra',
    'factory-factory://workspace/..%2F..%2Fetc',
    'factory-factory://settings',
    'not a url',
  ])('%s is refused', (link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('finds the link among a second instance’s arguments', () => {
    expect(
      deepLinkInArgs(['/opt/ff/factory-factory', '--no-sandbox', 'factory-factory://workspace/w9']),
    ).toEqual({
      type: 'open-workspace',
      workspaceId: 'w9',
    });
    expect(deepLinkInArgs(['/opt/ff/factory-factory'])).toBeNull();
  });
});
