// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { frameThrottle } from '../../../src/viz';

function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h: unknown) => queue.delete(h as number),
    flush() {
      const cbs = [...queue.values()];
      queue.clear();
      cbs.forEach((cb) => cb());
    },
    get pending() {
      return queue.size;
    },
  };
}

describe('frameThrottle', () => {
  it('coalesces many requests into one draw per frame', () => {
    const frames = fakeFrames();
    const draw = vi.fn();
    const t = frameThrottle(draw, frames.request, frames.cancel);
    for (let i = 0; i < 100; i++) t.request();
    expect(frames.pending).toBe(1);
    expect(draw).not.toHaveBeenCalled();
    frames.flush();
    expect(draw).toHaveBeenCalledTimes(1);
    t.request();
    frames.flush();
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('cancels a scheduled draw', () => {
    const frames = fakeFrames();
    const draw = vi.fn();
    const t = frameThrottle(draw, frames.request, frames.cancel);
    t.request();
    t.cancel();
    frames.flush();
    expect(draw).not.toHaveBeenCalled();
    t.request();
    expect(frames.pending).toBe(1);
  });

  it('falls back to requestAnimationFrame', async () => {
    const draw = vi.fn();
    const t = frameThrottle(draw);
    t.request();
    t.request();
    await new Promise((r) => setTimeout(r, 50));
    expect(draw).toHaveBeenCalledTimes(1);
  });
});
