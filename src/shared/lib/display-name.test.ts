import { describe, expect, it } from 'vitest';
import { displayName } from './display-name';

describe('displayName', () => {
  it('turns control characters into spaces and caps the length', () => {
    expect(displayName('#7 Fix\nthe\tlogin\u0000\u001b[31m now')).toBe('#7 Fix the login  [31m now');
    expect(displayName('x'.repeat(300))).toHaveLength(200);
    expect(displayName('plain title')).toBe('plain title');
  });
});
