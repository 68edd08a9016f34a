import { describe, expect, it } from 'vitest';
import { OutputCap } from './output-cap';

describe('OutputCap', () => {
  it('keeps everything under the cap', () => {
    const cap = new OutputCap(10);
    cap.push('abc');
    cap.push('def');
    expect(cap.text()).toBe('abcdef');
    expect(cap.truncated).toBe(false);
  });

  it('keeps the last bytes and marks truncation', () => {
    const cap = new OutputCap(10);
    cap.push('0123456789');
    cap.push('abcde');
    expect(cap.truncated).toBe(true);
    expect(cap.text().endsWith('56789abcde')).toBe(true);
    expect(cap.text()).toContain('truncated');
  });

  it('never keeps more than the cap of multi-byte text', () => {
    const cap = new OutputCap(8);
    cap.push('éééééé');
    const body = cap.text().split('\n').pop()!;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(8);
    expect(body).toBe('éééé');
  });
});
