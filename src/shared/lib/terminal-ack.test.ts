import { describe, expect, it } from 'vitest';
import { createAckBatcher } from './terminal-ack';

describe('createAckBatcher', () => {
  it('acknowledges at once when the view has parsed everything it was given', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((bytes) => sent.push(bytes), 1000);
    acks.written(10);
    acks.parsed(10);
    expect(sent).toEqual([10]);
  });

  it('batches while the view is behind, and sends the rest once it catches up', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((bytes) => sent.push(bytes), 1000);
    for (let i = 0; i < 5; i++) acks.written(400);
    acks.parsed(400);
    acks.parsed(400);
    expect(sent).toEqual([]);
    acks.parsed(400);
    expect(sent).toEqual([1200]);
    acks.parsed(400);
    acks.parsed(400);
    expect(sent).toEqual([1200, 800]);
  });

  it('acknowledges every byte exactly once across batches', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((bytes) => sent.push(bytes), 4096);
    const frames = Array.from({ length: 50 }, (_, i) => 100 + i * 37);
    for (const bytes of frames) acks.written(bytes);
    for (const bytes of frames) acks.parsed(bytes);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(frames.reduce((a, b) => a + b, 0));
    expect(sent.length).toBeLessThan(frames.length);
  });
});
