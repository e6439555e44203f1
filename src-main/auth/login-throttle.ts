/**
 * Slows down guessing: after five failures in a row for a username, each further attempt waits
 * longer before it is answered (1 s, 2 s, 4 s … up to a minute). A success clears the count.
 */
export const freeAttempts = 5;
export const maximumDelayMilliseconds = 60_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number>();

  delayBeforeAttempt(username: string): number {
    const failed = this.failures.get(username) ?? 0;
    if (failed < freeAttempts) return 0;
    return Math.min(1000 * 2 ** (failed - freeAttempts), maximumDelayMilliseconds);
  }

  recordFailure(username: string): void {
    this.failures.set(username, (this.failures.get(username) ?? 0) + 1);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }
}
