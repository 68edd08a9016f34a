import { describe, expect, it } from 'vitest';
import { parseGithubRemote } from './github-remote';

const OCTO = { owner: 'octo', repo: 'app' };

describe('parseGithubRemote', () => {
  it('reads github.com remotes in every form git accepts', () => {
    for (const url of [
      'https://github.com/octo/app.git',
      'https://github.com/octo/app',
      'https://github.com/octo/app/',
      'https://x-access-token@github.com/octo/app.git',
      'git@github.com:octo/app.git',
      'git@github.com:octo/app',
      'ssh://git@github.com/octo/app.git',
      'ssh://git@github.com:22/octo/app.git',
      '  https://GitHub.com/octo/app.git ',
    ]) {
      expect(parseGithubRemote(url), url).toEqual(OCTO);
    }
  });

  it('refuses other hosts, other shapes and nothing', () => {
    for (const url of [
      null,
      '',
      'https://gitlab.com/octo/app.git',
      'git@gitlab.com:octo/app.git',
      'https://github.com.evil.com/octo/app.git',
      'https://github.com/octo',
      'https://github.com/octo/app/tree/main',
      'file:///srv/git/app.git',
      '/srv/git/app.git',
      'https://github.com/octo/..',
    ]) {
      expect(parseGithubRemote(url), String(url)).toBeNull();
    }
  });

  it('reads remotes of the configured Enterprise host (ssh and https), and only of it', () => {
    const host = 'ghe.corp';
    for (const url of [
      'git@ghe.corp:octo/app.git',
      'https://ghe.corp/octo/app',
      'https://ghe.corp/octo/app.git',
      'ssh://git@ghe.corp:2222/octo/app.git',
      'org-42@ghe.corp:octo/app.git',
    ]) {
      expect(parseGithubRemote(url, host), url).toEqual(OCTO);
    }
    expect(parseGithubRemote('https://github.com/octo/app.git', host)).toBeNull();
    expect(parseGithubRemote('git@ghe.corp.evil:octo/app.git', host)).toBeNull();
  });

  it('compares the port of an Enterprise host given with one against https remotes', () => {
    expect(parseGithubRemote('https://ghe.corp:8443/octo/app', 'ghe.corp:8443')).toEqual(OCTO);
    expect(parseGithubRemote('https://ghe.corp/octo/app', 'ghe.corp:8443')).toBeNull();
    expect(parseGithubRemote('git@ghe.corp:octo/app.git', 'ghe.corp:8443')).toEqual(OCTO);
  });
});
