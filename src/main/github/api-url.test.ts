import { describe, expect, it } from 'vitest';
import { apiUrlFor } from './github-service';

describe('apiUrlFor', () => {
  it('is api.github.com for github.com and /api/v3 on an Enterprise host (Octokit derives /api/graphql)', () => {
    expect(apiUrlFor('github.com')).toBe('https://api.github.com');
    expect(apiUrlFor('ghe.corp')).toBe('https://ghe.corp/api/v3');
    expect(apiUrlFor('ghe.corp:8443')).toBe('https://ghe.corp:8443/api/v3');
  });
});
