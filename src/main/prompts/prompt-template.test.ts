import { describe, expect, it } from 'vitest';
import { parsePromptFile } from './prompt-file';
import { renderTemplate, templateVariables } from './prompt-template';

describe('prompt templates', () => {
  it('lists the variables of values, sections and inverted sections', () => {
    expect(
      templateVariables('{{b}} {{#pr}}PR {{pr}} {{x}}{{/pr}}{{^issue}}none{{/issue}} {{{raw}}}'),
    ).toEqual({
      ok: true,
      variables: ['b', 'issue', 'pr', 'raw', 'x'],
    });
  });

  it('refuses partials, dotted names and syntax errors with the reason', () => {
    expect(templateVariables('{{> other}}')).toMatchObject({ ok: false, reason: /partials/ });
    expect(templateVariables('{{a.b}}')).toMatchObject({ ok: false, reason: /a\.b/ });
    expect(templateVariables('{{#a}} open')).toMatchObject({ ok: false, reason: /template syntax/ });
  });

  it('renders without HTML escaping, in one pass, and skips sections of empty values', () => {
    expect(renderTemplate('<{{a}}> {{b}}', { a: 'x & <y>', b: '{{a}}' })).toBe('<x & <y>> {{a}}');
    expect(renderTemplate('A{{#pr}} (PR {{pr}}){{/pr}}.', { pr: '' })).toBe('A.');
    expect(renderTemplate('A{{#pr}} (PR {{pr}}){{/pr}}.', { pr: '#4' })).toBe('A (PR #4).');
  });

  it('throws when a variable the template uses has no value', () => {
    expect(() => renderTemplate('{{a}} {{missing}}', { a: '' })).toThrow(/\{\{missing\}\} has no value/);
  });
});

describe('prompt files', () => {
  it('reads frontmatter and the template after it', () => {
    const parsed = parsePromptFile('---\ntitle: Go\nsession: new\npreset: YOLO\n---\nDo {{branch}}\n');
    expect(parsed).toEqual({
      ok: true,
      prompt: {
        meta: { title: 'Go', session: 'new', preset: 'YOLO' },
        body: 'Do {{branch}}\n',
        variables: ['branch'],
      },
    });
    expect(parsePromptFile('No frontmatter')).toMatchObject({
      ok: true,
      prompt: { meta: {}, body: 'No frontmatter' },
    });
  });

  it('says what is wrong with bad frontmatter', () => {
    expect(parsePromptFile('---\ntitle: [unclosed\n---\nx')).toMatchObject({
      ok: false,
      reason: /not valid YAML/,
    });
    expect(parsePromptFile('---\n- a\n- b\n---\nx')).toMatchObject({ ok: false, reason: /mapping/ });
    expect(parsePromptFile('---\nsession: later\n---\nx')).toMatchObject({ ok: false, reason: /session/ });
    expect(parsePromptFile('---\ntitle: x\nno closing')).toMatchObject({ ok: false, reason: /closing/ });
    expect(parsePromptFile('---\nsesion: new\n---\nx', { strict: true })).toMatchObject({
      ok: false,
      reason: /sesion/,
    });
    expect(parsePromptFile('---\nsesion: new\n---\nx')).toMatchObject({ ok: true });
  });

  it('refuses a template that is empty', () => {
    expect(parsePromptFile('---\ntitle: x\n---\n  \n')).toMatchObject({ ok: false, reason: /empty/ });
  });
});
