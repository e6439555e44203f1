import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, permissionsFor, roles, type ChannelName, type Role } from '../../src-shared/contract';
import type { ErrorCode, Result } from '../../src-shared/result';
import type { PlanWellApp } from '../../src-main/app';
import { channelNames, channelSamples } from '../fixtures/channel-samples';
import { practiceState } from '../fixtures/database';
import { callOk } from '../fixtures/dispatch';
import {
  createPracticeTemplate,
  practiceFrom,
  type PracticeFixture,
  type PracticeTemplate,
} from '../fixtures/practice';

/** One member of staff per role, each holding only that role. */
const userFor: Record<Role, string> = {
  administrator: 'ada.admin',
  'link-worker': 'lena.link',
  nurse: 'nora.nurse',
  viewer: 'vic.viewer',
};

const forbidden = { code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' };
const mustChangeFirst = { code: 'FORBIDDEN', message: 'Choose your own password before you carry on.' };

/**
 * What a signed-in caller who may use the channel gets for its sample: 'ok', or the refusal the
 * sample earns on its merits (an unknown id, a wrong current password, someone already signed in).
 * Every channel is listed, so a new one needs a decision here.
 */
const answerWhenAllowed: Record<ChannelName, 'ok' | ErrorCode> = {
  'app.status': 'ok',
  'setup.createPractice': 'CONFLICT',
  'setup.confirmRecoveryCode': 'ok',
  'setup.replaceRecoveryCode': 'ok',
  'auth.logIn': 'CONFLICT',
  'auth.recover': 'CONFLICT',
  'auth.lock': 'ok',
  'auth.changePassword': 'INVALID_INPUT',
  'session.activity': 'ok',
  'auth.unlock': 'CONFLICT',
  'auth.logOut': 'ok',
  'settings.get': 'ok',
  'settings.update': 'ok',
  'drafts.save': 'ok',
  'drafts.get': 'ok',
  'drafts.discard': 'ok',
  'staff.list': 'ok',
  'staff.create': 'ok',
  'staff.resetPassword': 'NOT_FOUND',
  'staff.deactivate': 'NOT_FOUND',
  'staff.setRoles': 'NOT_FOUND',
  'audit.list': 'ok',
  'audit.verify': 'ok',
  'audit.exportCsv': 'ok',
  'people.create': 'ok',
  'people.get': 'NOT_FOUND',
  'people.search': 'ok',
  'people.update': 'NOT_FOUND',
  'people.close': 'NOT_FOUND',
  'people.reopen': 'NOT_FOUND',
  'people.setCommunicationNeeds': 'NOT_FOUND',
  'people.setEligibility': 'NOT_FOUND',
  'people.saveContact': 'NOT_FOUND',
  'people.removeContact': 'NOT_FOUND',
  'people.timeline': 'NOT_FOUND',
  'eligibility.list': 'ok',
  'eligibility.add': 'ok',
  'staff.directory': 'ok',
  'preferences.get': 'ok',
  'preferences.set': 'ok',
  'people.importPreview': 'ok',
  'people.importCommit': 'CONFLICT',
  'plans.list': 'NOT_FOUND',
  'plans.get': 'NOT_FOUND',
  'plans.startDraft': 'NOT_FOUND',
  'plans.saveDraft': 'NOT_FOUND',
  'plans.discardDraft': 'NOT_FOUND',
  'plans.agree': 'NOT_FOUND',
  'guides.list': 'ok',
  'guides.add': 'ok',
  'plans.saveBudget': 'NOT_FOUND',
  'budgets.summary': 'NOT_FOUND',
  'budgets.recordSpend': 'NOT_FOUND',
  'budgets.receipt': 'NOT_FOUND',
  'budgets.recordMonitoring': 'NOT_FOUND',
  'restrictions.list': 'ok',
  'restrictions.save': 'ok',
  'reviews.rules': 'ok',
  'reviews.setRule': 'ok',
  'reviews.worklist': 'ok',
  'reviews.myCounts': 'ok',
  'reviews.schedule': 'NOT_FOUND',
  'reviews.trigger': 'NOT_FOUND',
  'reviews.start': 'NOT_FOUND',
  'reviews.get': 'NOT_FOUND',
  'reviews.list': 'NOT_FOUND',
  'reviews.save': 'NOT_FOUND',
  'reviews.sign': 'NOT_FOUND',
  'outcomes.record': 'NOT_FOUND',
  'outcomes.list': 'NOT_FOUND',
  'plans.exportPreview': 'NOT_FOUND',
  'plans.exportPdf': 'NOT_FOUND',
  'exports.startBatch': 'ok',
  'exports.batchStatus': 'NOT_FOUND',
  'socialPrescribing.options': 'ok',
  'socialPrescribing.setStatusCode': 'ok',
  'socialPrescribing.addOption': 'ok',
  'referrals.create': 'NOT_FOUND',
  'referrals.get': 'NOT_FOUND',
  'referrals.forPerson': 'NOT_FOUND',
  'referrals.changeStatus': 'NOT_FOUND',
  'referrals.inbox': 'ok',
  'referrals.logContact': 'NOT_FOUND',
  'referrals.contacts': 'NOT_FOUND',
  'directory.search': 'ok',
  'directory.get': 'NOT_FOUND',
  'directory.save': 'ok',
  'directory.exportCsv': 'ok',
  'directory.importCsv': 'ok',
  'connections.create': 'NOT_FOUND',
  'connections.setOutcome': 'NOT_FOUND',
  'connections.forPerson': 'NOT_FOUND',
  'referrals.dischargeSummary': 'NOT_FOUND',
  'referrals.dischargePdf': 'NOT_FOUND',
  'socialPrescribing.report': 'ok',
  'backups.status': 'ok',
  'backups.now': 'ok',
  'backups.saveSettings': 'ok',
  'backups.list': 'ok',
  'backups.inspect': 'INVALID_INPUT',
  'backups.restore': 'INVALID_INPUT',
  'setup.inspectBackup': 'CONFLICT',
  'setup.restoreBackup': 'CONFLICT',
};

/** Channels that end the session: called last, on purpose, not with the others. */
const endsSession: ChannelName[] = ['auth.lock', 'auth.logOut'];
/** Channels whose real use needs another state (nobody set up, signed out, locked). */
const needsOtherState: ChannelName[] = ['setup.createPractice', 'auth.logIn', 'auth.recover', 'auth.unlock'];

function mayCall(granted: ReadonlySet<string>, channel: ChannelName): boolean {
  const { permission } = contract[channel];
  return permission === 'public' || granted.has(permission);
}

function answerOf(result: Result<unknown>): 'ok' | ErrorCode {
  return result.ok ? 'ok' : result.error.code;
}

async function sample(app: PlanWellApp, channel: ChannelName): Promise<Result<unknown>> {
  return app.dispatch(channel, channelSamples[channel]);
}

let template: PracticeTemplate;
beforeAll(async () => {
  // The first administrator has no clinical role; the four others are made with staff.create,
  // then each logs in with the one-time password and chooses their own.
  template = await createPracticeTemplate({
    staff: roles.map((role) => ({ username: userFor[role], fullName: `Only ${role}`, roles: [role] })),
  });
});
afterAll(() => template.remove());

describe('the permission table', () => {
  it('gives every role something it may not do, and the channel samples cover every channel', () => {
    expect(Object.keys(channelSamples).sort()).toEqual([...channelNames].sort());
    for (const role of roles) {
      const granted = permissionsFor([role]);
      expect(channelNames.filter((channel) => !mayCall(granted, channel)).length, role).toBeGreaterThan(0);
      // Every role can replace a one-time password, lock and log out.
      for (const channel of [...endsSession, ...needsOtherState, 'auth.changePassword' as const]) {
        expect(mayCall(granted, channel), `${role} ${channel}`).toBe(true);
      }
    }
    // An administrator without a clinical role does not see people; a viewer reads but does not write.
    expect(mayCall(permissionsFor(['administrator']), 'people.search')).toBe(false);
    expect(mayCall(permissionsFor(['viewer']), 'people.search')).toBe(true);
    expect(mayCall(permissionsFor(['viewer']), 'people.create')).toBe(false);
  });
});

for (const role of roles) {
  describe(`signed in as someone who is only ${role === 'administrator' ? 'an' : 'a'} ${role}`, () => {
    const granted = permissionsFor([role]);
    let practice: PracticeFixture;
    beforeAll(async () => {
      practice = await practiceFrom(template, { signIn: userFor[role] });
      const status = await callOk(practice.app, 'app.status', {});
      expect(status).toMatchObject({ state: 'signed-in', user: { username: userFor[role], roles: [role] }, mustChangePassword: false });
      expect(status.state === 'signed-in' && [...status.permissions].sort()).toEqual([...granted].sort());
    });
    afterAll(() => practice.close());

    for (const channel of channelNames.filter((name) => !mayCall(granted, name))) {
      it(`${channel} (${contract[channel].permission}) is FORBIDDEN and changes nothing`, async () => {
        const before = practiceState(practice.app, practice.dataDirectory);
        expect(await sample(practice.app, channel)).toEqual({ ok: false, error: forbidden });
        expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      });
    }

    const callable = channelNames.filter((name) => mayCall(granted, name) && !endsSession.includes(name) && !needsOtherState.includes(name));
    for (const channel of callable) {
      it(`${channel} (${contract[channel].permission}) is answered: ${answerWhenAllowed[channel]}`, async () => {
        const result = await sample(practice.app, channel);
        expect(answerOf(result), JSON.stringify(result)).toBe(answerWhenAllowed[channel]);
        if (channel === 'audit.verify') expect(result).toMatchObject({ ok: true, value: { intact: true } });
      });
    }

    it('set-up, log-in, recovery and unlock answer for the state PlanWell is in, never FORBIDDEN, and change nothing', async () => {
      for (const channel of needsOtherState) {
        const before = practiceState(practice.app, practice.dataDirectory);
        const result = await sample(practice.app, channel);
        expect(answerOf(result), `${channel}: ${JSON.stringify(result)}`).toBe(answerWhenAllowed[channel]);
        expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      }
    });

    it('locking and logging out (from the lock screen) work for this role', async () => {
      const { app } = practice;
      expect(await sample(app, 'auth.lock')).toEqual({ ok: true, value: null });
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'locked', user: { username: userFor[role] } });
      expect(await sample(app, 'auth.logOut')).toEqual({ ok: true, value: null });
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
    });
  });
}

describe('a member of staff with a one-time password', () => {
  let practice: PracticeFixture;
  let oneTimePassword: string;
  const username = 'max.everything';
  const ownPassword = 'copper-meadow-lantern-4';
  // Everything a session may do before the password is replaced (bar ending it, or the special states).
  const sessionChannels = channelNames.filter(
    (name) => ['public', 'session'].includes(contract[name].permission) && !endsSession.includes(name) && !needsOtherState.includes(name),
  );
  const roleChannels = channelNames.filter((name) => !['public', 'session'].includes(contract[name].permission));

  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true });
    // Every role: nothing is refused for want of a permission, only for the one-time password.
    ({ oneTimePassword } = await callOk(practice.app, 'staff.create', { fullName: 'Max Everything', username, roles: [...roles] }));
    await callOk(practice.app, 'auth.logOut', {});
    await callOk(practice.app, 'auth.logIn', { username, password: oneTimePassword });
  });
  afterAll(() => practice.close());

  it('is told so by app.status', async () => {
    expect(await callOk(practice.app, 'app.status', {})).toMatchObject({ state: 'signed-in', user: { username }, mustChangePassword: true });
  });

  it('gets FORBIDDEN on every channel that needs a role, and nothing changes', async () => {
    expect(roleChannels.length).toBeGreaterThan(10);
    for (const channel of roleChannels) {
      const before = practiceState(practice.app, practice.dataDirectory);
      expect(await sample(practice.app, channel), channel).toEqual({ ok: false, error: mustChangeFirst });
      expect(practiceState(practice.app, practice.dataDirectory), channel).toEqual(before);
    }
  });

  it('may still use the session channels (status, activity, drafts, changing the password)', async () => {
    expect(sessionChannels).toEqual(expect.arrayContaining(['app.status', 'session.activity', 'drafts.save', 'drafts.get', 'drafts.discard', 'auth.changePassword']));
    for (const channel of sessionChannels) {
      const result = await sample(practice.app, channel);
      expect(answerOf(result), `${channel}: ${JSON.stringify(result)}`).toBe(answerWhenAllowed[channel]);
    }
  });

  it('is still held to it after locking and unlocking', async () => {
    await callOk(practice.app, 'auth.lock', {});
    await callOk(practice.app, 'auth.unlock', { password: oneTimePassword });
    expect(await callOk(practice.app, 'app.status', {})).toMatchObject({ mustChangePassword: true });
    expect(await sample(practice.app, 'people.search')).toEqual({ ok: false, error: mustChangeFirst });
    expect(await sample(practice.app, 'staff.list')).toEqual({ ok: false, error: mustChangeFirst });
  });

  it('is not released by a refused password change, and is by a successful one', async () => {
    const refused = await practice.app.dispatch('auth.changePassword', { currentPassword: oneTimePassword, password: 'short', confirmPassword: 'short' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sample(practice.app, 'people.search')).toEqual({ ok: false, error: mustChangeFirst });

    await callOk(practice.app, 'auth.changePassword', { currentPassword: oneTimePassword, password: ownPassword, confirmPassword: ownPassword });
    expect(await callOk(practice.app, 'app.status', {})).toMatchObject({ mustChangePassword: false });
    for (const channel of roleChannels) {
      const result = await sample(practice.app, channel);
      expect(answerOf(result), `${channel}: ${JSON.stringify(result)}`).toBe(answerWhenAllowed[channel]);
    }
  });
});
