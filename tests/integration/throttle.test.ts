import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingClock } from '../fixtures/clock';
import { callError, callOk } from '../fixtures/dispatch';
import { createPracticeTemplate, practiceFrom, type PracticeTemplate } from '../fixtures/practice';

const wrongCredentials = { code: 'UNAUTHENTICATED', message: 'Username or password is not right' };

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate();
});
afterAll(() => template.remove());

describe('log-in throttling', () => {
  // Every wrong attempt costs one real scrypt: the delay is decided before the KDF runs, and the
  // clock records the delay asked for instead of waiting.
  it('after five wrong passwords waits 1 s, 2 s, 4 s …; the count is per user, shared by unlock and log-in, and a success clears it', async () => {
    const clock = new RecordingClock();
    const practice = await practiceFrom(template, { clock, signIn: true });
    const { app, admin } = practice;
    try {
      await callOk(app, 'auth.lock', {});
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(await callError(app, 'auth.unlock', { password: `wrong-guess-${attempt}` })).toEqual(wrongCredentials);
      }
      expect(clock.sleeps).toEqual([]);

      // The sixth attempt waits one second before it is answered.
      expect(await callError(app, 'auth.unlock', { password: 'wrong-guess-6' })).toEqual(wrongCredentials);
      expect(clock.sleeps).toEqual([1000]);

      // Logging out and trying again through log-in (username in another case) does not start afresh.
      await callOk(app, 'auth.logOut', {});
      expect(await callError(app, 'auth.logIn', { username: admin.username.toUpperCase(), password: 'wrong-guess-7' })).toEqual(wrongCredentials);
      expect(clock.sleeps).toEqual([1000, 2000]);

      // Another username has its own count.
      expect(await callError(app, 'auth.logIn', { username: 'no.such.user', password: 'wrong-guess-8' })).toEqual(wrongCredentials);
      expect(clock.sleeps).toEqual([1000, 2000]);

      // The right password is made to wait too, then succeeds and clears the count.
      expect(await callOk(app, 'auth.logIn', { username: admin.username, password: admin.password })).toEqual(practice.user);
      expect(clock.sleeps).toEqual([1000, 2000, 4000]);
      await callOk(app, 'auth.logOut', {});
      expect(await callError(app, 'auth.logIn', { username: admin.username, password: 'wrong-guess-9' })).toEqual(wrongCredentials);
      expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    } finally {
      await practice.close();
    }
  });

  it('recovery-code guesses are slowed down the same way', async () => {
    const clock = new RecordingClock();
    const practice = await practiceFrom(template, { clock });
    const { app, admin } = practice;
    const guess = (code: string) => ({ recoveryCode: code, username: admin.username, password: 'violet-lantern-meadow-3', confirmPassword: 'violet-lantern-meadow-3' });
    try {
      for (let attempt = 1; attempt <= 6; attempt++) {
        expect(await callError(app, 'auth.recover', guess(`ABCDE-FGHJK-MNPQR-STVWX-YZ23${attempt}`))).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
      expect(clock.sleeps).toEqual([1000]);
    } finally {
      await practice.close();
    }
  });
});
