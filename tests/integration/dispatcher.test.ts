import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src-main/auth/login-throttle';
import { dataPaths, PracticeVault } from '../../src-main/auth/vault';
import { systemClock } from '../../src-main/clock';
import { createDispatcher, type Access, type Handlers } from '../../src-main/ipc/dispatch';
import { AppError } from '../../src-main/ipc/errors';
import { handlers, type HandlerContext } from '../../src-main/ipc/handlers';
import { contract, permissionsFor, roles, type ChannelName } from '../../src-shared/contract';
import { channelNames, channelSamples } from '../fixtures/channel-samples';
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
  // The administrator also holds a clinical role, so people.* reaches the input checks.
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
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
    const lastSeq = () => sessionSqlite(practice.app).prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
    const seqBefore = lastSeq();
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
    // Only the log-out and log-in themselves were recorded; the refused requests left nothing.
    const actions = sessionSqlite(app).prepare('SELECT action FROM audit_event WHERE seq > ? ORDER BY seq').pluck().all(seqBefore);
    expect(actions).toEqual(['log-out', 'log-in']);
    const after = snapshot();
    expect(after.keyring).toEqual(before.keyring);
    expect(after.counts).toEqual({ ...before.counts, audit_event: (before.counts.audit_event ?? 0) + 2 });
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

/** Signed in holding every role: nothing is refused for want of a permission. */
const everything: Access = { state: 'signed-in', permissions: permissionsFor(roles), mustChangePassword: false };

const dirs = tempDirs();
afterAll(dirs.cleanUp);

function dispatcherWith(overrides: Partial<Handlers<HandlerContext>>, logError: (channel: string, error: unknown) => void, access: Access = everything) {
  const vault = new PracticeVault(dataPaths(dirs.make()));
  const context: HandlerContext = {
    auth: { vault, throttle: new LoginThrottle(), clock: systemClock, failedLogIns: [] },
    signedIn: () => {
      throw new AppError('UNAUTHENTICATED', 'Log in to continue.');
    },
    recordActivity: () => null,
    printer: () => {
      throw new Error('No printer in these tests');
    },
    batches: { directory: dirs.make(), jobs: new Map() },
    backups: { vault, clock: systemClock, defaultFolder: dirs.make(), logError },
  };
  return createDispatcher<HandlerContext>({ handlers: { ...handlers, ...overrides }, access: () => access, context: () => context, logError });
}

/** Handlers that only note which channel reached them. */
function recordingHandlers(calls: ChannelName[]): Handlers<HandlerContext> {
  const entries = channelNames.map((name) => [name, async () => {
    calls.push(name);
    return null;
  }]);
  return Object.fromEntries(entries) as unknown as Handlers<HandlerContext>;
}

describe('the dispatcher decides who may call what before anything runs', () => {
  const forbidden = { code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' };
  const mustChange = { code: 'FORBIDDEN', message: 'Choose your own password before you carry on.' };

  it('denies by default: a signed-in caller with no permissions reaches only the public channels', async () => {
    const calls: ChannelName[] = [];
    const dispatch = dispatcherWith(recordingHandlers(calls), () => {}, { state: 'signed-in', permissions: new Set(), mustChangePassword: false });
    for (const channel of channelNames) {
      const result = await dispatch(channel, channelSamples[channel]);
      if (contract[channel].permission === 'public') expect(result, channel).toEqual({ ok: true, value: null });
      else expect(result, channel).toEqual({ ok: false, error: forbidden });
    }
    expect(calls).toEqual(channelNames.filter((channel) => contract[channel].permission === 'public'));
  });

  for (const role of roles) {
    it(`for ${role}: FORBIDDEN exactly where the role lacks the permission, before the input is parsed`, async () => {
      const calls: ChannelName[] = [];
      const granted = permissionsFor([role]);
      const dispatch = dispatcherWith(recordingHandlers(calls), () => {}, { state: 'signed-in', permissions: granted, mustChangePassword: false });
      const allowed: ChannelName[] = [];
      for (const channel of channelNames) {
        const { permission } = contract[channel];
        if (permission === 'public' || granted.has(permission)) {
          allowed.push(channel);
          expect(await dispatch(channel, channelSamples[channel]), channel).toEqual({ ok: true, value: null });
        } else {
          expect(await dispatch(channel, channelSamples[channel]), channel).toEqual({ ok: false, error: forbidden });
          // Input that would not parse gets the same answer: no field issues for a caller who may not ask.
          expect(await dispatch(channel, { bogus: true }), channel).toEqual({ ok: false, error: forbidden });
        }
      }
      expect(calls).toEqual(allowed);
      expect(allowed.length).toBeLessThan(channelNames.length);
    });
  }

  it('a one-time password allows only the public and session channels, whatever the roles', async () => {
    const calls: ChannelName[] = [];
    const dispatch = dispatcherWith(recordingHandlers(calls), () => {}, { ...everything, mustChangePassword: true });
    const open = channelNames.filter((channel) => ['public', 'session'].includes(contract[channel].permission));
    expect(open).toEqual(expect.arrayContaining(['auth.changePassword', 'auth.lock', 'auth.logOut', 'session.activity', 'drafts.save', 'drafts.get', 'drafts.discard']));
    for (const channel of channelNames) {
      const expected = open.includes(channel) ? { ok: true, value: null } : { ok: false, error: mustChange };
      expect(await dispatch(channel, channelSamples[channel]), channel).toEqual(expected);
    }
    expect(calls).toEqual(open);
  });

  it('answers LOCKED for all but app.status, auth.unlock and auth.logOut, and UNAUTHENTICATED signed out', async () => {
    const calls: ChannelName[] = [];
    const locked = dispatcherWith(recordingHandlers(calls), () => {}, { state: 'locked' });
    for (const channel of channelNames) {
      const result = await locked(channel, channelSamples[channel]);
      if (['app.status', 'auth.unlock', 'auth.logOut'].includes(channel)) expect(result, channel).toEqual({ ok: true, value: null });
      else expect(result, channel).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    expect(calls).toEqual(['app.status', 'auth.unlock', 'auth.logOut']);

    calls.length = 0;
    const signedOut = dispatcherWith(recordingHandlers(calls), () => {}, { state: 'signed-out' });
    for (const channel of channelNames) {
      const result = await signedOut(channel, channelSamples[channel]);
      if (contract[channel].permission === 'public') expect(result, channel).toEqual({ ok: true, value: null });
      else expect(result, channel).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in to continue.' } });
    }
    expect(calls).toEqual(channelNames.filter((channel) => contract[channel].permission === 'public'));
  });
});

describe('unexpected errors', () => {
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
    expect(received).toEqual({ query: 'lee', status: 'active', sort: { column: 'name', direction: 'ascending' }, limit: 50, offset: 0 });
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
      expect(logged[0]?.channel).toBe('people.search');
      expect(logged[0]?.error).toBeInstanceOf(Error);
      // Nor can the audit head be brought up to date after it: that is logged too, never thrown.
      expect(logged.map((entry) => entry.channel)).toEqual(['people.search', '(audit head)']);
      expect(broken.app.vault.currentSession()).not.toBeNull();
    } finally {
      await broken.close();
    }
    // Closing still forgets the key and the session.
    expect(broken.app.vault.currentSession()).toBeNull();
  });
});
