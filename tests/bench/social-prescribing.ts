/**
 * i. Social prescribing, for `npm run bench`: the referral inbox (referrals.inbox), the directory
 *    search (directory.search), the caseload report (socialPrescribing.report) and the discharge
 *    summary (buildDischargeSummary), on two encrypted practices side by side: 1,000 people with a
 *    referral each and 200 directory entries, and 20,000 with 5,000.
 *
 * The bulk data goes straight into the session's SQLite handle, one transaction of prepared
 * statements per practice (20,000 referrals through the channels, each committed on its own, would
 * take minutes); the one referral summarised is made through the channels. The practices are then
 * logged out and in again, so SQLite's planner statistics are refreshed as the app refreshes them.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createApp, type PlanWellApp } from '../../src-main/app';
import { systemClock } from '../../src-main/clock';
import { streamFor } from '../../src-main/demo/random';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { buildDischargeSummary } from '../../src-main/services/discharge';
import { insertPeople } from '../../src-main/services/people-import';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { accessibilityFeatures, contactTypes, referralSources, type ReferralStatus } from '../../src-shared/contract/social-prescribing';
import { ons4Questions, swemwbsScore } from '../../src-shared/domain/outcome-measures';
import { foldForSearch } from '../../src-shared/domain/search-text';
import type { Result } from '../../src-shared/result';
import { count, median, ms, percentile, ratio, table, time } from './report';

interface Size {
  label: string;
  referrals: number;
  entries: number;
}
const sizes = [
  { label: 'small', referrals: 1_000, entries: 200 },
  { label: 'large', referrals: 20_000, entries: 5_000 },
] as const satisfies readonly Size[];

const seed = 20_261_125;
const runs = 40;
/** The report reads a year of everything: fewer calls keep the section near a minute. */
const reportRuns = 20;
const warmUpRuns = 5;
const slowP95 = 50;
const staffCount = 4;
const credentials = { username: 'bench.admin', password: 'bench-practice-password-1' };
/** Referrals are made over these dates; the report asks for the last whole year of them. */
const firstReferral = Date.parse('2024-06-03T00:00:00Z');
const lastReferral = Date.parse('2026-10-30T00:00:00Z');
const lastDate = '2026-11-24';
const reportRange = { from: '2025-11-01', to: '2026-10-31' };

// ---------------------------------------------------------------------------------------------
// Synthetic data

const areas = ['Northgate', 'Riverside', 'Old Town', 'Castle Ward', 'Millbrook', 'Eastfield', 'St Anne’s', 'Hillcrest', 'Canal Side', 'Westbury', 'Brookvale', 'Parkhouse'];
const categoryWords: Record<string, readonly string[]> = {
  'social-groups': ['Befriending', 'Coffee Morning', 'Lunch Club', 'Friendship Circle', 'Men’s Shed', 'Chatty Café'],
  arts: ['Community Choir', 'Art Club', 'Pottery', 'Ukulele Group', 'Creative Writing', 'Drama Workshop'],
  'physical-activity': ['Walking Group', 'Chair Yoga', 'Walking Football', 'Tai Chi', 'Swim Session', 'Nordic Walking'],
  nature: ['Community Garden', 'Allotment Project', 'Conservation Volunteers', 'Green Gym', 'Orchard Group'],
  'money-advice': ['Debt Advice', 'Benefits Clinic', 'Money Matters', 'Citizens Advice Drop-in'],
  housing: ['Housing Advice', 'Tenancy Support', 'Home Repairs Scheme'],
  employment: ['Job Club', 'Volunteer Centre', 'Digital Skills', 'Adult Learning'],
  carers: ['Carers’ Café', 'Carers Support Group', 'Young Carers'],
  'mental-health': ['Wellbeing Hub', 'Peer Support', 'Talking Café', 'Mindfulness Course'],
  'health-conditions': ['Breathe Easy', 'Diabetes Peer Group', 'Stroke Club', 'Memory Café', 'Pain Management'],
  bereavement: ['Bereavement Café', 'Grief Support'],
  food: ['Cook and Eat', 'Community Pantry', 'Food Bank'],
  other: ['Library Hub', 'Repair Café'],
};
const categoryKeys = Object.keys(categoryWords);
const reasonKeys = ['loneliness', 'low-mood', 'housing', 'money-and-debt', 'employment', 'carer-support', 'physical-activity', 'long-term-condition', 'bereavement', 'other'];
const statusPaths: Record<ReferralStatus, ReferralStatus[]> = {
  new: ['new'],
  contacted: ['new', 'contacted'],
  accepted: ['new', 'contacted', 'accepted'],
  declined: ['new', 'contacted', 'declined'],
  'did-not-engage': ['new', 'did-not-engage'],
  discharged: ['new', 'contacted', 'accepted', 'discharged'],
};
/** Roughly a link worker's caseload: most accepted or finished, a tenth waiting to be contacted. */
const statusShares: [ReferralStatus, number][] = [['new', 0.1], ['contacted', 0.15], ['accepted', 0.3], ['declined', 0.08], ['did-not-engage', 0.07], ['discharged', 0.3]];
const outcomes = ['not-known-yet', 'attended', 'did-not-attend', 'still-going'] as const;
const notes = 'Talked about what matters to them: getting out of the house more, meeting people nearby, and help with bills. Agreed to look at groups within walking distance.';

const day = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const laterDay = (date: string, days: number) => {
  const next = isoDay(Date.parse(`${date}T00:00:00Z`) + days * day);
  return next > lastDate ? lastDate : next;
};

interface Filled {
  people: number;
  referrals: number;
  reasonLinks: number;
  statusChanges: number;
  contacts: number;
  entries: number;
  connections: number;
  scores: number;
}

/** Directory entries, referrals and everything hanging off them, in one transaction. */
function fillSocialPrescribing(app: PlanWellApp, size: Size, adminId: string): Omit<Filled, 'people'> {
  const session = app.vault.currentSession();
  if (!session) throw new Error('No session to fill');
  const { sqlite } = session.database;
  const random = streamFor(seed, size.referrals);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const codes = new Map((sqlite.prepare('SELECT status, concept_id, term FROM referral_status_code').all() as { status: string; concept_id: string | null; term: string }[]).map((c) => [c.status, c]));
  const personIds = sqlite.prepare('SELECT id FROM person ORDER BY created_at, rowid').pluck().all() as string[];
  const timestamp = new Date().toISOString();

  const insertEntry = sqlite.prepare(`INSERT INTO directory_entry (id, name, category_key, description, address, area, contact, cost, when_it_runs, accessibility_json, referral_route,
    last_checked_on, active, search_text, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertReferral = sqlite.prepare(`INSERT INTO referral (id, person_id, referred_on, source, referrer_name, other_reason, urgency, consent, notes, status, status_changed_on,
    created_at, created_by, updated_at, row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertReason = sqlite.prepare('INSERT INTO referral_reason_link (referral_id, reason_key) VALUES (?, ?)');
  const insertChange = sqlite.prepare('INSERT INTO referral_status_change (referral_id, status, changed_on, note, concept_id, term, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertContact = sqlite.prepare(`INSERT INTO referral_contact (id, referral_id, person_id, contact_on, duration_minutes, contact_type, attendees, notes, next_step, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertConnection = sqlite.prepare(`INSERT INTO community_connection (id, referral_id, person_id, entry_id, kind, connected_on, note, outcome, outcome_on, created_at, created_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertScore = sqlite.prepare(`INSERT INTO outcome_score (id, person_id, measure, answers_json, raw_score, metric_hundredths, taken_on, context, referral_id, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const filled = { referrals: 0, reasonLinks: 0, statusChanges: 0, contacts: 0, entries: 0, connections: 0, scores: 0 };
  const score = (personId: string, referralId: string, takenOn: string, context: 'baseline' | 'follow-up', lift: number) => {
    const items = Array.from({ length: 7 }, () => Math.max(1, Math.min(5, between(1, 4) + lift)));
    const swemwbs = swemwbsScore(items);
    insertScore.run(randomUUID(), personId, 'swemwbs', JSON.stringify(items), swemwbs.raw, swemwbs.metricHundredths, takenOn, context, referralId, timestamp, adminId);
    const ons4 = Object.fromEntries(ons4Questions.map((q) => [q.key, Math.max(0, Math.min(10, between(2, 7) + (q.higherIsBetter ? lift : -lift)))]));
    insertScore.run(randomUUID(), personId, 'ons4', JSON.stringify(ons4), null, null, takenOn, context, referralId, timestamp, adminId);
    filled.scores += 2;
  };

  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('cache_size = -131072'); // 128 MB while filling, so index pages are not spilled and rewritten
  sqlite.transaction(() => {
    const entryIds: string[] = [];
    for (let i = 0; i < size.entries; i++) {
      const category = categoryKeys[i % categoryKeys.length]!;
      const area = pick(areas);
      const name = `${area} ${pick(categoryWords[category]!)}${i >= areas.length * 6 ? ` ${Math.floor(i / 60) + 1}` : ''}`;
      const description = `A friendly ${pick(categoryWords[category]!).toLowerCase()} for adults in ${area}. ${pick(['Drop in any time.', 'Booking needed.', 'New members welcome.', 'Run by volunteers.'])}`;
      const address = `${between(1, 200)} ${pick(['High Street', 'Church Lane', 'Station Road', 'Park Road', 'Mill Lane'])}, ${area}`;
      const accessibility = accessibilityFeatures.filter(() => random() < 0.4);
      // About one in five not checked for more than six months.
      const checked = isoDay(Date.parse('2026-11-20T00:00:00Z') - (random() < 0.2 ? between(200, 700) : between(0, 170)) * day);
      const id = randomUUID();
      insertEntry.run(id, name, category, description, address, area, '01632 960000', pick(['Free', '£2 a session', 'Free; donations welcome']), pick(['Mondays 10–12', 'Thursdays 2–4', 'Weekends']),
        JSON.stringify(accessibility), 'Phone or email the organiser', checked, random() < 0.95 ? 1 : 0, foldForSearch([name, description, area, address].join(' ')), timestamp, adminId, timestamp, adminId);
      entryIds.push(id);
    }
    filled.entries = size.entries;

    for (const [index, personId] of personIds.entries()) {
      if (index >= size.referrals) break;
      const id = randomUUID();
      const referredOn = isoDay(firstReferral + Math.floor(random() * (lastReferral - firstReferral) / day) * day);
      const draw = random();
      let edge = 0;
      const status = statusShares.find(([, share]) => draw < (edge += share))?.[0] ?? 'discharged';
      const path = statusPaths[status];
      let changedOn = referredOn;
      const changes = path.map((step, i) => {
        if (i > 0) changedOn = laterDay(changedOn, between(5, 40));
        return { step, on: changedOn };
      });
      const accepted = status === 'accepted' || status === 'discharged';
      const reasons = [...reasonKeys].sort(() => random() - 0.5).slice(0, 3);
      insertReferral.run(id, personId, referredOn, pick(referralSources), 'Dr Bench', reasons.includes('other') ? 'Caring for a partner' : '', pick(['routine', 'routine', 'soon', 'urgent']),
        accepted ? 'yes' : pick(['yes', 'not-asked']), notes, status, changedOn, timestamp, adminId, timestamp, path.length);
      for (const reason of reasons) insertReason.run(id, reason);
      for (const { step, on } of changes) {
        const code = codes.get(step);
        insertChange.run(id, step, on, '', code?.concept_id ?? null, code?.term ?? '', timestamp, adminId);
      }
      filled.referrals++;
      filled.reasonLinks += reasons.length;
      filled.statusChanges += changes.length;

      if (status === 'new') continue;
      // About six contacts each (2 to 10), a week or two apart, from the first contact on.
      let contactOn = changes[1]?.on ?? laterDay(referredOn, 7);
      const contacts = between(2, 10);
      for (let c = 0; c < contacts; c++) {
        insertContact.run(randomUUID(), id, personId, contactOn, pick([15, 30, 45, 60, 90]), pick(contactTypes), '', notes, 'Meet again in two weeks', timestamp, adminId);
        contactOn = laterDay(contactOn, between(7, 14));
      }
      filled.contacts += contacts;
      if (!accepted) continue;
      const acceptedOn = changes[2]!.on;
      if (random() < 0.7) {
        const connections = between(1, 3);
        for (let c = 0; c < connections; c++) {
          const outcome = pick(outcomes);
          const connectedOn = laterDay(acceptedOn, between(0, 30));
          insertConnection.run(randomUUID(), id, personId, pick(entryIds), pick(['signposted', 'referred']), connectedOn, '', outcome, outcome === 'not-known-yet' ? null : laterDay(connectedOn, 21), timestamp, adminId, timestamp);
        }
        filled.connections += connections;
      }
      // Baseline at acceptance for most; a follow-up about three months later for most of those.
      if (random() < 0.6) {
        score(personId, id, acceptedOn, 'baseline', 0);
        const followUpOn = laterDay(acceptedOn, between(80, 110));
        if (random() < 0.8 && followUpOn < lastDate) score(personId, id, followUpOn, 'follow-up', between(-1, 2));
      }
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  return filled;
}

// ---------------------------------------------------------------------------------------------
// The practices

interface Practice {
  size: Size;
  app: PlanWellApp;
  call: <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
  /** The referral the discharge summary is built for. */
  summarised: string;
  filled: Filled;
  fillMs: number;
}

function caller(app: PlanWellApp): Practice['call'] {
  return async (channel, input) => {
    const result = (await app.dispatch(channel, input)) as Result<ChannelOutput<typeof channel>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
}

/** The one referral summarised: 12 contacts, 3 connections, a baseline and a follow-up of each measure, through the channels. */
async function referralToSummarise(call: Practice['call'], personId: string, entryIds: readonly string[]): Promise<string> {
  const referral = await call('referrals.create', {
    personId, referredOn: '2026-02-02', source: 'gp', referrerName: 'Dr Bench', reasons: ['loneliness', 'low-mood', 'physical-activity'], urgency: 'routine', consent: 'yes', notes,
  });
  for (let c = 0; c < 12; c++) {
    await call('referrals.logContact', { referralId: referral.id, contactOn: laterDay('2026-02-05', c * 14), durationMinutes: 45, type: contactTypes[c % contactTypes.length]!, notes, nextStep: 'Meet again in two weeks' });
  }
  const contacted = await call('referrals.get', { referralId: referral.id });
  await call('referrals.changeStatus', { referralId: referral.id, rowVersion: contacted.rowVersion, status: 'accepted', changedOn: '2026-02-05', note: '' });
  for (const [c, entryId] of entryIds.slice(0, 3).entries()) {
    await call('connections.create', { referralId: referral.id, entryId, kind: c === 0 ? 'referred' : 'signposted', connectedOn: laterDay('2026-02-12', c * 7), note: '' });
  }
  for (const [context, takenOn, lift] of [['baseline', '2026-02-05', 0], ['follow-up', '2026-05-07', 1]] as const) {
    await call('outcomes.record', { personId, takenOn, context, referralId: referral.id, score: { measure: 'swemwbs', answers: [2, 3, 3, 2, 3, 2, 3].map((a) => a + lift) } });
    await call('outcomes.record', { personId, takenOn, context, referralId: referral.id, score: { measure: 'ons4', answers: { lifeSatisfaction: 4 + lift, worthwhile: 5 + lift, happiness: 4 + lift, anxiety: 7 - lift } } });
  }
  const draft = await call('plans.startDraft', { personId });
  await call('plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { whatMatters: 'Getting out of the house and seeing people again', goals: [{ id: randomUUID(), outcome: 'Join a group nearby' }], reviewDate: '2026-12-01' } });
  const accepted = await call('referrals.get', { referralId: referral.id });
  await call('referrals.changeStatus', { referralId: referral.id, rowVersion: accepted.rowVersion, status: 'discharged', changedOn: '2026-07-30', note: 'Goals met' });
  return referral.id;
}

async function openPractice(directory: string, size: Size): Promise<Practice> {
  const app = createApp({ dataDirectory: join(directory, `social-prescribing-${size.referrals}`), idleCheckMilliseconds: 0 });
  const call = caller(app);
  try {
    await call('setup.createPractice', {
      practiceName: 'Bench Surgery', odsCode: 'Y99999', fullName: 'Bench Admin', username: credentials.username,
      password: credentials.password, confirmPassword: credentials.password, clinicalRoles: ['link-worker'],
    });
    const session = app.vault.currentSession();
    if (!session) throw new Error('Set-up did not sign the administrator in');
    const { db, sqlite } = session.database;
    const started = performance.now();
    const workerIds = [session.user.id];
    for (let i = 1; i < staffCount; i++) {
      const id = randomUUID();
      const stamp = new Date().toISOString();
      await db.insertInto('staff_user').values({ id, username: `bench.worker${i}`, full_name: `Bench Worker ${i}`, active: 1, created_at: stamp, updated_at: stamp }).execute();
      await db.insertInto('staff_role').values({ user_id: id, role: 'link-worker' }).execute();
      workerIds.push(id);
    }
    const people = await insertPeople({ db, user: session.user, clock: systemClock }, syntheticPeople(size.referrals, seed, { workerIds }));
    const filled = { people, ...fillSocialPrescribing(app, size, session.user.id) };
    const fillMs = performance.now() - started;

    const personId = sqlite.prepare('SELECT id FROM person ORDER BY created_at, rowid LIMIT 1').pluck().get() as string;
    const entryIds = sqlite.prepare('SELECT id FROM directory_entry WHERE active = 1 ORDER BY rowid LIMIT 3').pluck().all() as string[];
    const summarised = await referralToSummarise(call, personId, entryIds);
    // As a practice's next log-in would: reopening refreshes SQLite's planner statistics.
    await call('auth.logOut', {});
    await call('auth.logIn', credentials);
    return { size, app, call, summarised, filled, fillMs };
  } catch (error) {
    await app.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The measurements

interface Case {
  group: string;
  label: string;
  runs?: number;
  /** One call; returns how many rows matched, for the printout. */
  run: (practice: Practice, i: number) => Promise<number>;
}

const cases: Case[] = [
  { group: 'inbox', label: 'referrals.inbox, first page (by date)', run: async ({ call }) => (await call('referrals.inbox', {})).total },
  { group: 'inbox', label: "referrals.inbox, status 'new'", run: async ({ call }) => (await call('referrals.inbox', { status: 'new' })).total },
  { group: 'inbox', label: 'referrals.inbox, sorted by name', run: async ({ call }) => (await call('referrals.inbox', { sort: { column: 'name', direction: 'ascending' } })).total },
  { group: 'directory', label: 'directory.search, no filter', run: async ({ call }) => (await call('directory.search', {})).total },
  {
    group: 'directory', label: 'directory.search, one word',
    run: async ({ call }, i) => (await call('directory.search', { words: ['walking', 'garden', 'choir', 'debt', 'carers', 'riverside'][i % 6]! })).total,
  },
  {
    group: 'directory', label: 'directory.search, category + 2 features',
    run: async ({ call }) => (await call('directory.search', { category: 'physical-activity', accessibility: ['step-free', 'accessible-toilet'] })).total,
  },
  { group: 'directory', label: 'directory.search, stale only', run: async ({ call }) => (await call('directory.search', { staleOnly: true })).total },
  { group: 'report', label: 'socialPrescribing.report, one year', runs: reportRuns, run: async ({ call }) => (await call('socialPrescribing.report', reportRange)).referrals },
  {
    group: 'discharge', label: 'buildDischargeSummary, one referral',
    run: async ({ app, summarised }) => {
      const session = app.vault.currentSession();
      if (!session) throw new Error('No session for the discharge summary');
      return (await buildDischargeSummary(session.database.db, summarised)).contacts.count;
    },
  },
];

export async function socialPrescribingQueries(directory: string): Promise<string> {
  const practices: Practice[] = [];
  try {
    for (const size of sizes) practices.push(await openPractice(directory, size));
    const [small, large] = practices as [Practice, Practice];
    const rows: string[][] = [];
    const slow: string[] = [];
    for (const { label, run, runs: calls = runs } of cases) {
      const times = new Map<Practice, number[]>(practices.map((p) => [p, []]));
      const matched = new Map<Practice, number>();
      for (let i = 0; i < warmUpRuns + calls; i++) {
        for (const practice of i % 2 === 0 ? practices : [...practices].reverse()) {
          const { value, elapsed } = await time(() => run(practice, i));
          if (i >= warmUpRuns) times.get(practice)!.push(elapsed);
          matched.set(practice, value);
        }
      }
      const [a, b] = [times.get(small)!, times.get(large)!];
      if (percentile(b, 95) > slowP95) slow.push(label);
      rows.push([label, String(calls), `${count(matched.get(small)!)} / ${count(matched.get(large)!)}`, ms(median(a)), ms(percentile(a, 95)), ms(median(b)), ms(percentile(b, 95)), ratio(percentile(b, 95), percentile(a, 95))]);
    }
    const described = (p: Practice) =>
      `${count(p.filled.referrals + 1)} referrals (${count(p.filled.people)} people, ${count(p.filled.reasonLinks)} reasons, ${count(p.filled.contacts + 12)} contacts, ` +
      `${count(p.filled.connections + 3)} connections, ${count(p.filled.scores + 4)} scores), ${count(p.filled.entries)} directory entries; filled in ${ms(p.fillMs)}`;
    const fileMb = (p: Practice) => {
      const sqlite = p.app.vault.currentSession()?.database.sqlite;
      return sqlite ? Number(sqlite.pragma('page_count', { simple: true })) * Number(sqlite.pragma('page_size', { simple: true })) / 1e6 : 0;
    };
    return [
      `i. Social prescribing: inbox, directory, caseload report and discharge summary, encrypted, small vs large practice`,
      '',
      table(['through the dispatcher (exc. the summary)', 'calls', 'matches small / large', 'small p50', 'small p95', 'large p50', 'large p95', 'large/small p95'], rows),
      '',
      `Small: ${described(small)}.`,
      `Large: ${described(large)}.`,
      `Files: ${fileMb(small).toFixed(1)} MB and ${fileMb(large).toFixed(1)} MB. Each row's calls are made to each practice after ${warmUpRuns} not counted, alternating which goes first.`,
      `"matches" is the total the call reports (the inbox's and directory's total, the report's referrals in ${reportRange.from} – ${reportRange.to}, the summary's contacts).`,
      `The inbox is a page of 50; the directory a page of 100 (one word varies between calls). The summary is for one referral with 12 contacts, 3 connections and 4 scores in both.`,
      slow.length > 0 ? `p95 above ${slowP95} ms in the large practice: ${slow.join('; ')}.` : `Every p95 in the large practice is within ${slowP95} ms.`,
    ].join('\n');
  } finally {
    for (const practice of practices) await practice.app.close();
  }
}
