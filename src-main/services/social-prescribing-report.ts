import { sql, type SqlBool } from 'kysely';
import {
  referralSources,
  referralStatuses,
  type CaseloadReport,
  type ChannelParsedInput,
  type OutcomeChangeSummary,
  type ReferralStatus,
} from '../../src-shared/contract';
import { ons4Questions, type Ons4Key } from '../../src-shared/domain/outcome-measures';
import type { SessionDependencies } from './session-dependencies';

/**
 * The link worker's caseload report for a date range: referrals received (by source, reason and
 * where they are now), contacts held, connections made (by category, and how many were taken up),
 * and how wellbeing changed between baseline and follow-up — the figures commissioners ask for.
 */

/** Each person's change, in hundredths, summarised; `higherIsBetter` false for ONS4 anxiety. */
export function summariseChanges(changes: number[], higherIsBetter = true): OutcomeChangeSummary {
  const sorted = [...changes].sort((a, b) => a - b);
  const better = sorted.filter((c) => (higherIsBetter ? c > 0 : c < 0)).length;
  const same = sorted.filter((c) => c === 0).length;
  const total = sorted.reduce((sum, c) => sum + c, 0);
  return {
    people: sorted.length,
    meanChangeHundredths: sorted.length === 0 ? null : Math.round(total / sorted.length),
    better,
    same,
    worse: sorted.length - better - same,
    changes: sorted,
  };
}

export async function caseloadReport({ db, user }: SessionDependencies, input: ChannelParsedInput<'socialPrescribing.report'>): Promise<CaseloadReport> {
  const workerId = input.assignedTo === 'me' ? user.id : input.assignedTo;
  // The people in scope: everyone, or one worker's caseload.
  const inScope = (personColumn: string) =>
    workerId ? sql<SqlBool>`${sql.ref(personColumn)} IN (SELECT id FROM person WHERE assigned_worker_id = ${workerId})` : sql<SqlBool>`1 = 1`;

  const referrals = await db
    .selectFrom('referral')
    .select(['id', 'source', 'status'])
    .where('referred_on', '>=', input.from)
    .where('referred_on', '<=', input.to)
    .where(inScope('referral.person_id'))
    .execute();
  const referralIds = referrals.map((r) => r.id);

  const [reasonRows, reasons, contactCounts, connectionRows, categories, followUps] = await Promise.all([
    referralIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('referral_reason_link').select(['reason_key', (eb) => eb.fn.countAll<number>().as('n')])
          .where('referral_id', 'in', db.selectFrom('referral').select('id').where('referred_on', '>=', input.from).where('referred_on', '<=', input.to).where(inScope('referral.person_id')))
          .groupBy('reason_key').execute(),
    db.selectFrom('referral_reason').select(['key', 'label']).orderBy('position').execute(),
    // Counted in SQL from a covering index: a year's contacts are tens of thousands of rows.
    db.selectFrom('referral_contact')
      .select([
        (eb) => eb.fn.countAll<number>().as('total'),
        sql<number>`count(DISTINCT person_id)`.as('people'),
        sql<number>`coalesce(sum(duration_minutes), 0)`.as('minutes'),
      ])
      .where('contact_on', '>=', input.from).where('contact_on', '<=', input.to).where(inScope('referral_contact.person_id')).executeTakeFirstOrThrow(),
    db.selectFrom('community_connection').innerJoin('directory_entry', 'directory_entry.id', 'community_connection.entry_id')
      .select(['directory_entry.category_key', 'community_connection.outcome'])
      .where('community_connection.connected_on', '>=', input.from).where('community_connection.connected_on', '<=', input.to)
      .where(inScope('community_connection.person_id')).execute(),
    db.selectFrom('directory_category').select(['key', 'label']).orderBy('position').execute(),
    // Every referral-linked score of people whose follow-up falls in the range.
    db.selectFrom('outcome_score').select(['referral_id', 'measure', 'context', 'answers_json', 'metric_hundredths', 'taken_on', 'created_at'])
      .where('referral_id', 'in', db.selectFrom('outcome_score').select('referral_id').where('context', '=', 'follow-up').where('taken_on', '>=', input.from).where('taken_on', '<=', input.to).where('referral_id', 'is not', null))
      .where(inScope('outcome_score.person_id'))
      .orderBy('taken_on').orderBy('created_at').execute(),
  ]);

  const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;
  const reasonCounts = new Map(reasonRows.map((r) => [r.reason_key, Number(r.n)]));
  const contactTotal = Number(contactCounts.total);
  const people = Number(contactCounts.people);

  // Baseline (first) and follow-up (last in the range) per referral and measure.
  const pairs = new Map<string, { baseline?: (typeof followUps)[number]; followUp?: (typeof followUps)[number] }>();
  for (const score of followUps) {
    const key = `${score.referral_id ?? ''}|${score.measure}`;
    const pair = pairs.get(key) ?? {};
    if (score.context === 'baseline') pair.baseline ??= score;
    if (score.context === 'follow-up' && score.taken_on >= input.from && score.taken_on <= input.to) pair.followUp = score;
    pairs.set(key, pair);
  }
  const complete = [...pairs.values()].flatMap((p) => (p.baseline && p.followUp ? [{ baseline: p.baseline, followUp: p.followUp }] : []));
  const swemwbsChanges = complete
    .filter((p) => p.baseline.measure === 'swemwbs')
    .map((p) => (p.followUp.metric_hundredths ?? 0) - (p.baseline.metric_hundredths ?? 0));
  const ons4Pairs = complete.filter((p) => p.baseline.measure === 'ons4').map((p) => ({
    before: JSON.parse(p.baseline.answers_json) as Record<Ons4Key, number>,
    after: JSON.parse(p.followUp.answers_json) as Record<Ons4Key, number>,
  }));
  const ons4 = Object.fromEntries(
    ons4Questions.map((q) => [q.key, summariseChanges(ons4Pairs.map((p) => (p.after[q.key] - p.before[q.key]) * 100), q.higherIsBetter)]),
  ) as CaseloadReport['outcomeChange']['ons4'];

  return {
    from: input.from,
    to: input.to,
    referrals: referrals.length,
    bySource: referralSources.map((source) => ({ source, count: count(referrals, (r) => r.source === source) })),
    byReason: reasons.map((r) => ({ key: r.key, label: r.label, count: reasonCounts.get(r.key) ?? 0 })),
    byStatus: referralStatuses.map((status: ReferralStatus) => ({ status, count: count(referrals, (r) => r.status === status) })),
    contacts: {
      total: contactTotal,
      people,
      meanPerPerson: people === 0 ? 0 : Math.round((contactTotal / people) * 10) / 10,
      totalMinutes: Number(contactCounts.minutes),
    },
    connectionsByCategory: categories
      .map((c) => ({
        key: c.key,
        label: c.label,
        count: count(connectionRows, (r) => r.category_key === c.key),
        attended: count(connectionRows, (r) => r.category_key === c.key && (r.outcome === 'attended' || r.outcome === 'still-going')),
      }))
      .filter((c) => c.count > 0),
    outcomeChange: { swemwbs: summariseChanges(swemwbsChanges), ons4 },
  };
}
