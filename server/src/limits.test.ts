/** The in-memory limiters on their own: windows, Retry-After, bounded memory, stream slots. */
import { describe, expect, it } from 'vitest';
import { RateLimiter, StreamSlots } from './limits.ts';

describe('RateLimiter', () => {
  it('allows max hits per window, says how long until the window resets, then allows again', () => {
    let now = 1000;
    const limiter = new RateLimiter(3, 60_000, { clock: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60_000);
    now += 45_000;
    expect(limiter.take('a')).toBe(15_000);
    expect(limiter.take('b')).toBe(0);
    now += 15_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('keeps at most maxKeys windows under a flood of keys', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, { clock: () => now, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`key-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The newest keys are still limited.
    expect(limiter.take('key-9999')).toBeGreaterThan(0);
    now += 1000;
    expect(limiter.take('key-9999')).toBe(0);
  });
});

describe('StreamSlots', () => {
  it('counts per client and in all; releasing twice frees one slot', () => {
    const slots = new StreamSlots(2, 3);
    const a1 = slots.acquire('a')!;
    slots.acquire('a');
    expect(slots.acquire('a')).toBeNull();
    slots.acquire('b');
    expect(slots.acquire('c')).toBeNull();
    a1();
    a1();
    expect(slots.open).toBe(2);
    expect(slots.acquire('c')).not.toBeNull();
    expect(slots.acquire('c')).toBeNull();
  });
});
