import { randomUUID } from 'node:crypto';
import { createApp, type PlanWellApp } from '../app';
import type { AppDatabase } from '../db/database';
import { systemClock } from '../clock';
import { insertPeople } from '../services/people-import';
import { agreementMethods, type ChannelInput, type ChannelName, type ChannelOutput, type Role } from '../../src-shared/contract';
import { isoDateInLondon } from '../../src-shared/format';
import type { Result } from '../../src-shared/result';
import { syntheticPeople } from './synthetic-people';
import { syntheticBudget, syntheticPlanContent } from './synthetic-plans';
import { syntheticRecordParts } from './synthetic-records';
import { syntheticDirectory, syntheticReferral } from './synthetic-social-prescribing';
import { addDays } from '../../src-shared/domain/calendar';

export const demoPractice = {
  practiceName: 'Riverside Medical Practice (demo)',
  odsCode: 'Y00001',
  fullName: 'Demo Administrator',
  username: 'demo.admin',
  password: 'riverside-demo-practice',
} as const;

/** Demo staff with clinical roles, who hold most of the caseload between them. */
export const demoStaff = [
  { fullName: 'Sam Okoye', username: 'sam.okoye', password: 'riverside-link-worker-demo', roles: ['link-worker'] },
  { fullName: 'Jo Fletcher', username: 'jo.fletcher', password: 'riverside-practice-nurse-demo', roles: ['nurse'] },
] as const satisfies readonly { fullName: string; username: string; password: string; roles: readonly Role[] }[];

export interface DemoCredentials {
  username: string;
  password: string;
}

export interface DemoLogIns {
  /** The administrator, who also works as a link worker. */
  administrator: DemoCredentials;
  /** Everyone else, in the order of `demoStaff`. */
  staff: (DemoCredentials & { fullName: string; roles: readonly Role[] })[];
}

/**
 * Sets up a fresh demo practice in `dataDirectory` (which must not hold a practice yet) through
 * the same dispatcher the app uses: the administrator, a link worker and a nurse with known
 * passwords, and synthetic people (assigned among the three, with eligibility, accessible-
 * information needs and some closed records) in one transaction, care and support plans for some
 * of them; then logs out. Every NHS number
 * is from the 999 test range. Returns everyone's log-in.
 */
export async function seedDemoPractice(dataDirectory: string, options: { people: number; seed: number; plans?: number }): Promise<DemoLogIns> {
  // Checked before anything is written, so a bad count or seed leaves no half-made practice.
  syntheticPeople(Math.min(options.people, 1), options.seed);
  if (!Number.isSafeInteger(options.people) || options.people < 0) throw new RangeError('The count must be a whole number, 0 or more');
  const app = createApp({ dataDirectory });
  try {
    expectOk(
      'set up the demo practice',
      await call(app, 'setup.createPractice', {
        practiceName: demoPractice.practiceName,
        odsCode: demoPractice.odsCode,
        fullName: demoPractice.fullName,
        username: demoPractice.username,
        password: demoPractice.password,
        confirmPassword: demoPractice.password,
        // The demo's administrator also works as a link worker, so the caseload is open to them.
        clinicalRoles: ['link-worker'],
      }),
    );
    expectOk('confirm the recovery code', await call(app, 'setup.confirmRecoveryCode', {}));

    const oneTimePasswords: string[] = [];
    const workerIds: string[] = [];
    for (const member of demoStaff) {
      const created = expectOk(`add ${member.fullName}`, await call(app, 'staff.create', { fullName: member.fullName, username: member.username, roles: [...member.roles] }));
      oneTimePasswords.push(created.oneTimePassword);
      workerIds.push(created.member.id);
    }

    const session = app.vault.currentSession();
    if (!session) throw new Error('Could not seed the demo practice: nobody is signed in after set-up');
    const people = syntheticPeople(options.people, options.seed, { workerIds: [session.user.id, ...workerIds] });
    await insertPeople({ db: session.database.db, user: session.user, clock: systemClock }, people, syntheticRecordParts(people, options.seed));
    await seedPlans(app, session.database.db, options.seed, options.plans ?? demoPlanCount);
    await seedSocialPrescribing(app, session.database.db, options.seed, Math.min(demoReferralCount, options.people));
    expectOk('log out', await call(app, 'auth.logOut', {}));

    // Each member replaces their one-time password with the demo's, as they would at first log-in.
    for (const [i, member] of demoStaff.entries()) {
      await replaceOneTimePassword(app, member, oneTimePasswords[i]!);
    }
  } finally {
    await app.close();
  }
  return {
    administrator: { username: demoPractice.username, password: demoPractice.password },
    staff: demoStaff.map((member) => ({ ...member })),
  };
}

/**
 * Care and support plans for some of the first people by name, through the plan channels: most
 * agreed, every third of those with a second version in draft, every fifth only a draft.
 */
async function seedPlans(app: PlanWellApp, db: AppDatabase, seed: number, count: number): Promise<void> {
  const people = await db.selectFrom('person').select('id').where('status', '=', 'active').orderBy('sort_name').orderBy('id').limit(count).execute();
  const today = isoDateInLondon(new Date());
  for (const [index, person] of people.entries()) {
    const content = syntheticPlanContent(index, seed, today, randomUUID);
    const draft = expectOk('start a plan', await call(app, 'plans.startDraft', { personId: person.id, guideCode: 'what-matters' }));
    const saved = expectOk('write a plan', await call(app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content }));
    if (index % 5 === 4) continue;
    // Every fourth agreed plan comes with a personal health budget, and a few payments from it.
    const budget = index % 4 === 0 ? syntheticBudget(index, seed, saved.content.goals.map((goal) => goal.id), today, randomUUID) : null;
    const rowVersion = budget
      ? expectOk('cost the support', await call(app, 'plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget })).rowVersion
      : saved.rowVersion;
    expectOk('agree a plan', await call(app, 'plans.agree', {
      planId: saved.id, rowVersion, agreedBy: 'person', method: agreementMethods[index % agreementMethods.length]!, agreedOn: today,
    }));
    for (const [week, item] of (budget?.items ?? []).flatMap((item) => [0, 1, 2, 3].map((week) => [week, item] as const))) {
      const spentOn = new Date(Date.parse(`${budget?.periodStart ?? today}T12:00:00Z`) + week * 14 * 86_400_000).toISOString().slice(0, 10);
      if (item.cost.kind === 'one-off' && week > 0) continue;
      const amountPence = item.cost.kind === 'one-off' ? item.cost.amountPence : Math.round((item.cost.unitCostPence * item.cost.quantityHundredths) / 100);
      expectOk('record a payment', await call(app, 'budgets.recordSpend', { personId: person.id, itemId: item.id, spentOn, amountPence, payee: item.provider ?? 'Provider' }));
    }
    if (index % 3 !== 0) continue;
    const next = expectOk('start a new version', await call(app, 'plans.startDraft', { personId: person.id, guideCode: 'review' }));
    const [firstGoal, ...otherGoals] = next.content.goals;
    const changed = firstGoal ? [{ ...firstGoal, howWeWillKnow: `${firstGoal.howWeWillKnow}, and I feel more confident` }, ...otherGoals] : otherGoals;
    expectOk('change the new version', await call(app, 'plans.saveDraft', { planId: next.id, rowVersion: next.rowVersion, content: { ...next.content, goals: changed } }));
  }
}

/**
 * A directory of invented local groups, and social prescribing referrals for the first people by
 * name (so some plans show the support they were connected to): contacts, connections with
 * outcomes, baseline and follow-up SWEMWBS scores, and every way a referral ends.
 */
async function seedSocialPrescribing(app: PlanWellApp, db: AppDatabase, seed: number, count: number): Promise<void> {
  const today = isoDateInLondon(new Date());
  const entryIds: string[] = [];
  for (const entry of syntheticDirectory(seed, today)) {
    entryIds.push(expectOk('add to the directory', await call(app, 'directory.save', { entry })).id);
  }
  const people = await db.selectFrom('person').select('id').where('status', '=', 'active').orderBy('sort_name').orderBy('id').limit(count).execute();
  for (const [index, person] of people.entries()) {
    const shape = syntheticReferral(index, seed, today);
    let referral = expectOk('record a referral', await call(app, 'referrals.create', {
      personId: person.id, referredOn: shape.referredOn, source: shape.source, referrerName: shape.referrerName, reasons: shape.reasons, urgency: index % 5 === 0 ? 'soon' : 'routine', consent: 'yes',
    }));
    const contactDates = shape.contacts.map((c) => addDays(shape.referredOn, c.daysAfter));
    const first = contactDates[0] ?? shape.referredOn;
    const last = contactDates.at(-1) ?? first;
    for (const [n, contact] of shape.contacts.entries()) {
      expectOk('log a contact', await call(app, 'referrals.logContact', {
        referralId: referral.id, contactOn: contactDates[n] ?? first, durationMinutes: contact.durationMinutes, type: contact.type,
        attendees: 'The person', nextStep: n === shape.contacts.length - 1 ? 'Check in next month' : 'Meet again',
      }));
    }
    referral = expectOk('read the referral', await call(app, 'referrals.get', { referralId: referral.id }));
    const move = async (status: 'accepted' | 'declined' | 'did-not-engage' | 'discharged', changedOn: string) => {
      referral = expectOk(`mark a referral ${status}`, await call(app, 'referrals.changeStatus', { referralId: referral.id, rowVersion: referral.rowVersion, status, changedOn }));
    };
    if (shape.ending === 'declined') {
      await move('declined', first);
      continue;
    }
    await move('accepted', first);
    expectOk('record a baseline', await call(app, 'outcomes.record', {
      personId: person.id, referralId: referral.id, takenOn: first, context: 'baseline', score: { measure: 'swemwbs', answers: swemwbsAnswers(index, 0) },
    }));
    for (const [n, entry] of shape.connections.entries()) {
      const connection = expectOk('connect to support', await call(app, 'connections.create', { referralId: referral.id, entryId: entryIds[entry] ?? entryIds[0] ?? '', kind: n === 0 ? 'referred' : 'signposted', connectedOn: first }));
      const outcome = (['attended', 'still-going', 'did-not-attend', 'not-known-yet'] as const)[(index + n) % 4] ?? 'attended';
      if (outcome !== 'not-known-yet') expectOk('record what came of it', await call(app, 'connections.setOutcome', { connectionId: connection.id, rowVersion: connection.rowVersion, outcome, outcomeOn: last }));
    }
    if (shape.ending === 'did-not-engage') await move('did-not-engage', last);
    if (shape.ending === 'discharged') {
      expectOk('record a follow-up', await call(app, 'outcomes.record', {
        personId: person.id, referralId: referral.id, takenOn: last, context: 'follow-up', score: { measure: 'swemwbs', answers: swemwbsAnswers(index, 1) },
      }));
      await move('discharged', last);
    }
  }
}

/** Seven answers from 1 to 5; a follow-up is usually a little better than the baseline. */
function swemwbsAnswers(index: number, followUp: number): number[] {
  return Array.from({ length: 7 }, (_, item) => Math.min(5, 1 + ((index + item) % 3) + (followUp && (index + item) % 4 !== 0 ? 1 : 0)));
}

/** How many demo people have a social prescribing referral. */
const demoReferralCount = 24;

/** How many demo people have a plan unless asked: enough to show every state, few enough to seed quickly. */
const demoPlanCount = 60;

async function replaceOneTimePassword(app: PlanWellApp, member: (typeof demoStaff)[number], oneTimePassword: string): Promise<void> {
  expectOk(`log in as ${member.username}`, await call(app, 'auth.logIn', { username: member.username, password: oneTimePassword }));
  expectOk(
    `set ${member.username}'s password`,
    await call(app, 'auth.changePassword', { currentPassword: oneTimePassword, password: member.password, confirmPassword: member.password }),
  );
  expectOk('log out', await call(app, 'auth.logOut', {}));
}

/** The dispatcher answers unknown; the contract says what each channel answers. */
async function call<C extends ChannelName>(app: PlanWellApp, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await app.dispatch(channel, input)) as Result<ChannelOutput<C>>;
}

function expectOk<T>(step: string, result: Result<T>): T {
  if (!result.ok) {
    const issues = result.error.issues?.map((issue) => ` ${issue.path}: ${issue.message}`).join(';') ?? '';
    throw new Error(`Could not ${step}: ${result.error.message}${issues}`);
  }
  return result.value;
}
