import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src-main/auth/login-throttle';
import { dataPaths, PracticeVault } from '../../src-main/auth/vault';
import { systemClock } from '../../src-main/clock';
import { createDispatcher, type AccessState, type Handlers } from '../../src-main/ipc/dispatch';
import { AppError } from '../../src-main/ipc/errors';
import { handlers, type HandlerContext } from '../../src-main/ipc/handlers';
import { sessionSqlite, tableCounts } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, keyringBytes, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { tempDirs } from '../fixtures/temp-dir';

const validPerson = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: testNhsNumber('999444') };

let template: PracticeTemplate;
let practice: PracticeFixture;
const loggedErrors: { channel: string; error: unknown }[] = [];
beforeAll(async () => {
  template = await createPracticeTemplate();
  practice = await practiceFrom(template, { signIn: true, logError: (channel, error) => loggedErrors.push({ channel, error }) });
});
afterAll(async () => {
  await practice.close();
  template.remove();
});

/** What must not change when a request is refused: every table's rows and the key file. */
function snapshot() {
  return { counts: tableCounts(sessionSqlite(practice.app)), keyring: keyringBytes(practice.dataDirectory).toString('base64') };
}

describe('the dispatcher over the real app', () => {
  it('refuses unknown channels with NOT_FOUND and writes nothing', async () => {
    const before = snapshot();
    for (const channel of ['people.delete', 'people.create ', 'PEOPLE.CREATE', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { channel: 'people.create' }]) {
      expect(await callError(practice.app, channel, validPerson)).toEqual({
        code: 'NOT_FOUND',
        message: 'PlanWell does not know that request.',
      });
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses invalid input with INVALID_INPUT, issues by field path, and writes nothing', async () => {
    const before = snapshot();
    const error = await callError(practice.app, 'people.create', {
      givenName: '  ',
      familyName: 'Lovelace',
      dateOfBirth: '1899-12-31',
      nhsNumber: '999 000 0000', // the remainder-10 case: no check digit can be right
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('Some answers need correcting.');
    expect(error.issues).toEqual([
      { path: 'givenName', message: 'Enter the given name' },
      { path: 'dateOfBirth', message: 'Date of birth must be after 1 January 1900' },
      { path: 'nhsNumber', message: 'This is not a valid NHS number. Check it has been typed correctly' },
    ]);
    for (const input of [null, undefined, 'people', 42, [], [validPerson]]) {
      expect(await callError(practice.app, 'people.create', input)).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await callError(practice.app, 'people.search', { query: 'x', limit: 1000 })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'limit' }],
    });
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown key, and keys that could pollute prototypes, and writes nothing', async () => {
    const before = snapshot();
    const inputs: unknown[] = [
      { ...validPerson, isAdmin: true },
      JSON.parse(`{"givenName":"Ada","familyName":"Lovelace","dateOfBirth":"1950-12-10","nhsNumber":"${validPerson.nhsNumber}","__proto__":{"polluted":"yes"}}`),
      JSON.parse(`{"givenName":"Ada","familyName":"Lovelace","dateOfBirth":"1950-12-10","nhsNumber":"${validPerson.nhsNumber}","constructor":{"prototype":{"polluted":"yes"}}}`),
      Object.assign(Object.create(null) as object, validPerson, { prototype: { polluted: 'yes' } }),
    ];
    for (const input of inputs) {
      const error = await callError(practice.app, 'people.create', input);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues?.length).toBeGreaterThan(0);
    }
    for (const input of [
      JSON.parse('{"__proto__":{"polluted":"yes"}}'),
      JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    ]) {
      expect(await callError(practice.app, 'app.status', input)).toMatchObject({ code: 'INVALID_INPUT' });
      expect(await callError(practice.app, 'auth.logIn', { ...input, username: 'jane.admin', password: 'x' })).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(snapshot()).toEqual(before);
  });

  it('refuses signed-in channels when signed out, before looking at the input, and writes nothing', async () => {
    const before = snapshot();
    const { app, admin } = practice;
    await callOk(app, 'auth.logOut', {});
    try {
      expect(await callError(app, 'people.create', validPerson)).toEqual({ code: 'UNAUTHENTICATED', message: 'Log in to continue.' });
      // Bad input is not even parsed: no field issues leak to a caller who is not signed in.
      expect(await callError(app, 'people.create', { givenName: '' })).toEqual({ code: 'UNAUTHENTICATED', message: 'Log in to continue.' });
      expect(await callError(app, 'people.get', { id: 'not-a-uuid' })).toMatchObject({ code: 'UNAUTHENTICATED' });
      // Public channels still parse their input.
      expect(await callError(app, 'auth.logIn', { username: '' })).toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      await callOk(app, 'auth.logIn', { username: admin.username, password: admin.password });
    }
    expect(snapshot()).toEqual(before);
  });

  it('answers LOCKED before looking at the input', async () => {
    const { app, admin } = practice;
    await callOk(app, 'auth.lock', {});
    try {
      expect(await callError(app, 'people.create', { bogus: true })).toMatchObject({ code: 'LOCKED' });
      expect(await callError(app, 'auth.logIn', { username: admin.username, password: admin.password })).toMatchObject({ code: 'LOCKED' });
      expect(await callError(app, 'setup.confirmRecoveryCode', {})).toMatchObject({ code: 'LOCKED' });
    } finally {
      await callOk(app, 'auth.unlock', { password: admin.password });
    }
    expect(loggedErrors).toEqual([]);
  });
});

describe('unexpected errors', () => {
  const dirs = tempDirs();
  afterAll(dirs.cleanUp);

  function dispatcherWith(overrides: Partial<Handlers<HandlerContext>>, logError: (channel: string, error: unknown) => void, access: AccessState = 'signed-in') {
    const vault = new PracticeVault(dataPaths(dirs.make()));
    const context: HandlerContext = {
      auth: { vault, throttle: new LoginThrottle(), clock: systemClock },
      signedIn: () => {
        throw new AppError('UNAUTHENTICATED', 'Log in to continue.');
      },
    };
    return createDispatcher<HandlerContext>({ handlers: { ...handlers, ...overrides }, access: () => access, context: () => context, logError });
  }

  it('turn into INTERNAL with a plain message, and are logged in the main process only', async () => {
    const logged: { channel: string; error: unknown }[] = [];
    const secret = new Error('SQLITE_CORRUPT at /home/gp/planwell.db page 7: Zzsentinelname');
    const dispatch = dispatcherWith({ 'people.search': async () => { throw secret; } }, (channel, error) => logged.push({ channel, error }));
    const result = await dispatch('people.search', { query: 'lee' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong and the request was not completed. Nothing was changed.' },
    });
    expect(JSON.stringify(result)).not.toContain('Zzsentinelname');
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(logged).toEqual([{ channel: 'people.search', error: secret }]);
  });

  it('a thrown non-Error value is handled the same way', async () => {
    const logged: unknown[] = [];
    const dispatch = dispatcherWith({ 'people.get': async () => { throw 'a string, not an Error'; } }, (_channel, error) => logged.push(error));
    const result = await dispatch('people.get', { id: '5b0f0a8e-5c38-4f0e-9d55-0d8c3f1f6a01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toEqual(['a string, not an Error']);
  });

  it('an AppError keeps its code, message and issues and is not logged', async () => {
    const logged: unknown[] = [];
    const dispatch = dispatcherWith(
      { 'people.create': async () => { throw new AppError('CONFLICT', 'Already there.', [{ path: 'nhsNumber', message: 'Taken' }]); } },
      (_channel, error) => logged.push(error),
    );
    expect(await dispatch('people.create', validPerson)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Already there.', issues: [{ path: 'nhsNumber', message: 'Taken' }] },
    });
    expect(logged).toEqual([]);
  });

  it('the handler gets the parsed input, not what was sent', async () => {
    let received: unknown;
    const dispatch = dispatcherWith({ 'people.search': async (input) => { received = input; return { people: [], total: 0 }; } }, () => {});
    expect(await dispatch('people.search', { query: 'lee' })).toEqual({ ok: true, value: { people: [], total: 0 } });
    expect(received).toEqual({ query: 'lee', limit: 50, offset: 0 });
  });

  it('in the real app, a database failure becomes INTERNAL and is logged', async () => {
    const logged: { channel: string; error: unknown }[] = [];
    const broken = await practiceFrom(template, { signIn: true, logError: (channel, error) => logged.push({ channel, error }) });
    try {
      sessionSqlite(broken.app).close(); // the connection dies under the app
      expect(await callError(broken.app, 'people.search', {})).toEqual({
        code: 'INTERNAL',
        message: 'Something went wrong and the request was not completed. Nothing was changed.',
      });
      expect(logged.map((entry) => entry.channel)).toEqual(['people.search']);
      expect(logged[0]?.error).toBeInstanceOf(Error);
    } finally {
      await broken.close();
    }
  });
});
