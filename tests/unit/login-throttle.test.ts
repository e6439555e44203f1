import { describe, expect, it } from 'vitest';
import { freeAttempts, LoginThrottle, maximumDelayMilliseconds } from '../../src-main/auth/login-throttle';

describe('LoginThrottle', () => {
  it('lets five failures through, then doubles the wait from one second up to a minute', () => {
    const throttle = new LoginThrottle();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 14; attempt++) {
      delays.push(throttle.delayBeforeAttempt('jane'));
      throttle.recordFailure('jane');
    }
    expect(freeAttempts).toBe(5);
    expect(delays).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(Math.max(...delays)).toBe(maximumDelayMilliseconds);
  });

  it('counts each username separately', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 6; i++) throttle.recordFailure('jane');
    expect(throttle.delayBeforeAttempt('jane')).toBe(2000);
    expect(throttle.delayBeforeAttempt('john')).toBe(0);
  });

  it('forgets the failures after a success', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 7; i++) throttle.recordFailure('jane');
    expect(throttle.delayBeforeAttempt('jane')).toBeGreaterThan(0);
    throttle.recordSuccess('jane');
    expect(throttle.delayBeforeAttempt('jane')).toBe(0);
    throttle.recordFailure('jane');
    expect(throttle.delayBeforeAttempt('jane')).toBe(0);
  });
});
