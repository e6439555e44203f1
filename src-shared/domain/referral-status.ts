import type { ReferralStatus } from '../contract/social-prescribing';

/**
 * How a referral moves: new → contacted → accepted / declined / did not engage → discharged.
 * Someone can decline, or never be reached, before a first conversation; someone who accepted can
 * stop engaging; every ending is followed by a discharge, which is final.
 */
const nextStatuses: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ['contacted', 'declined', 'did-not-engage'],
  contacted: ['accepted', 'declined', 'did-not-engage'],
  accepted: ['did-not-engage', 'discharged'],
  declined: ['discharged'],
  'did-not-engage': ['discharged'],
  discharged: [],
};

export function allowedNextStatuses(from: ReferralStatus): readonly ReferralStatus[] {
  return nextStatuses[from];
}

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return nextStatuses[from].includes(to);
}

/** Contacts and connections belong to a referral that is still open. */
export function referralIsOpen(status: ReferralStatus): boolean {
  return status !== 'discharged' && status !== 'declined';
}
