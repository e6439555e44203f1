import {
  connectionKindLabels,
  connectionOutcomeLabels,
  referralSourceLabels,
  referralStatusLabels,
  referralUrgencyLabels,
  type DischargeSummary,
  type MeasureChange,
  type OutcomeRecord,
} from '../contract';
import { formatDate } from '../format';
import { formatNhsNumber } from './nhs-number';
import { formatHundredths, ons4Change, ons4Questions } from './outcome-measures';

/**
 * The social prescribing summary for the GP in words: the same lines on screen, in the text
 * pasted into the GP record and in the PDF.
 */

/** The first baseline and the last follow-up of each measure, for one referral. */
export function measureChanges(outcomes: readonly OutcomeRecord[], referralId: string): MeasureChange[] {
  return (['swemwbs', 'ons4'] as const).map((measure) => {
    const mine = outcomes.filter((o) => o.referralId === referralId && o.measure === measure);
    return {
      measure,
      baseline: mine.find((o) => o.context === 'baseline') ?? null,
      followUp: mine.filter((o) => o.context === 'follow-up').at(-1) ?? null,
    };
  });
}

function signed(hundredths: number): string {
  if (hundredths === 0) return 'no change';
  return `${hundredths > 0 ? 'up' : 'down'} ${formatHundredths(Math.abs(hundredths))}`;
}

/** One line per measure, in words a GP reads at a glance. */
export function measureLines(change: MeasureChange): string[] {
  const { baseline, followUp } = change;
  if (change.measure === 'swemwbs') {
    if (!baseline?.swemwbs && !followUp?.swemwbs) return [];
    const before = baseline?.swemwbs ? `${formatHundredths(baseline.swemwbs.metricHundredths)} at baseline (${formatDate(baseline.takenOn)})` : 'no baseline';
    const after = followUp?.swemwbs ? `${formatHundredths(followUp.swemwbs.metricHundredths)} at follow-up (${formatDate(followUp.takenOn)})` : 'no follow-up yet';
    const difference = baseline?.swemwbs && followUp?.swemwbs ? `: ${signed(followUp.swemwbs.metricHundredths - baseline.swemwbs.metricHundredths)}` : '';
    return [`SWEMWBS metric score ${before}, ${after}${difference}`];
  }
  if (!baseline?.ons4 && !followUp?.ons4) return [];
  return ons4Questions.map((question) => {
    const before = baseline?.ons4?.[question.key];
    const after = followUp?.ons4?.[question.key];
    const label = `ONS4 ${question.shortLabel.toLowerCase()}`;
    if (before === undefined || after === undefined) return `${label}: ${before ?? '–'} at baseline, ${after ?? '–'} at follow-up`;
    const change = ons4Change(question.key, before, after);
    return `${label}: ${before} at baseline, ${after} at follow-up (${change.direction === 'no change' ? 'no change' : `${change.direction}`})`;
  });
}

export function dischargeSummaryText(summary: Omit<DischargeSummary, 'text'>): string {
  const { referral, person, contacts, connections, measures, codes } = summary;
  const lines = [
    'Social prescribing: summary for the GP',
    `${person.name}, NHS number ${formatNhsNumber(person.nhsNumber)}, born ${formatDate(person.dateOfBirth)}`,
    `Referred on ${formatDate(referral.referredOn)} by ${referralSourceLabels[referral.source]}${referral.referrerName ? ` (${referral.referrerName})` : ''}; ${referralUrgencyLabels[referral.urgency].toLowerCase()}.`,
    `Reasons for referral: ${[...referral.reasons.map((r) => (r.key === 'other' && referral.otherReason ? `Other: ${referral.otherReason}` : r.label))].join('; ')}.`,
    `Status: ${referralStatusLabels[referral.status]} on ${formatDate(referral.statusChangedOn)}.`,
    '',
    'What matters to them:',
    summary.whatMatters || 'Not recorded.',
    '',
    contacts.count === 0
      ? 'Contacts: none.'
      : `Contacts: ${contacts.count} (${contacts.totalMinutes} minutes in all), from ${formatDate(contacts.first ?? '')} to ${formatDate(contacts.last ?? '')}.`,
    '',
    'Support offered and taken up:',
    ...(connections.length === 0
      ? ['None recorded.']
      : connections.map((c) => `- ${c.entryName} (${c.categoryLabel}): ${connectionKindLabels[c.kind].split(' (')[0]?.toLowerCase() ?? ''} ${formatDate(c.connectedOn)}; ${connectionOutcomeLabels[c.outcome].toLowerCase()}.`)),
    '',
    'Wellbeing before and after:',
    ...(measures.flatMap(measureLines).length === 0 ? ['No scores recorded.'] : measures.flatMap(measureLines).map((line) => `- ${line}`)),
    '',
    'SNOMED CT codes:',
    ...(codes.length === 0 ? ['None.'] : codes.map((c) => `- ${c.conceptId} ${c.term} (${formatDate(c.on)})`)),
    '',
    `Link worker: ${summary.linkWorkerName ?? 'not assigned'}, ${summary.practiceName}.`,
  ];
  return lines.join('\n');
}
