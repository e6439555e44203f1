import {
  referralSourceLabels,
  referralStatusLabels,
  type Referral,
  type ReferralStatus,
} from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { personHref } from '../people/record/PersonRecord';

/**
 * Links and words the referral screens share. wouter's hash location keeps the window's query
 * when a link names none, so every link here states its own (empty when it has none): otherwise
 * the inbox's filters or the outcomes screen's `?referral=` would follow the user to the next screen.
 */

export function referralHref(personId: string, referralId: string, screen = '', query: Record<string, string> = {}): string {
  return `${personHref(personId, `/referrals/${referralId}${screen}`)}?${new URLSearchParams(query).toString()}`;
}

export function newReferralHref(personId: string): string {
  return `${personHref(personId, '/referrals/new')}?`;
}

/** The wellbeing scores screen, recording a baseline or follow-up for this referral and leading back to it. */
export function referralOutcomesHref(personId: string, referralId: string, context: 'baseline' | 'follow-up'): string {
  return `${personHref(personId, '/outcomes')}?${new URLSearchParams({ context, referral: referralId, from: 'referral' }).toString()}`;
}

/** "Referral of 3 March 2026": how a referral is named in headings and links. */
export function referralTitle(referral: Pick<Referral, 'referredOn'>): string {
  return `Referral of ${formatDate(referral.referredOn)}`;
}

/** "GP (Dr Patel)", or just "GP". */
export function referralSourceWords(referral: Pick<Referral, 'source' | 'referrerName'>): string {
  return `${referralSourceLabels[referral.source]}${referral.referrerName ? ` (${referral.referrerName})` : ''}`;
}

/** The reasons as chosen, the other reason in its own words. */
export function referralReasonWords(referral: Pick<Referral, 'reasons' | 'otherReason'>): string[] {
  return referral.reasons.map((reason) => (reason.key === 'other' && referral.otherReason ? `Other: ${referral.otherReason}` : reason.label));
}

/** NHS.UK tag colours; the status is always said in words as well. */
export const referralStatusTagClasses: Record<ReferralStatus, string> = {
  new: 'nhsuk-tag--blue',
  contacted: 'nhsuk-tag--aqua-green',
  accepted: 'nhsuk-tag--green',
  declined: 'nhsuk-tag--grey',
  'did-not-engage': 'nhsuk-tag--orange',
  discharged: 'nhsuk-tag--grey',
};

/** What the referral screen says once the status has changed. */
export function statusChangeNotice(status: ReferralStatus): string {
  return `Referral marked as ${referralStatusLabels[status].toLowerCase()}.`;
}
