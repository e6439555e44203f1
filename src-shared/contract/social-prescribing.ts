import { z } from 'zod';
import { isSnomedConceptId } from '../domain/snomed';
import { isoDateInLondon } from '../format';
import { channel } from './channel';
import type { OutcomeRecord } from './reviews';

/**
 * Social prescribing: referrals and their status (with the SNOMED CT concept each status records
 * for the GP system), contacts with the person, the directory of local support, the connections a
 * link worker makes, and the summary sent back to the GP on discharge (PRSB "message back").
 * Reasons, categories and codes are data, kept in the database.
 */

export const referralSources = ['gp', 'nurse', 'practice-staff', 'social-care', 'voluntary-sector', 'self', 'other'] as const;
export type ReferralSource = (typeof referralSources)[number];
export const referralSourceLabels: Record<ReferralSource, string> = {
  gp: 'GP',
  nurse: 'Nurse',
  'practice-staff': 'Other practice staff',
  'social-care': 'Social care',
  'voluntary-sector': 'Voluntary sector',
  self: 'Self-referral',
  other: 'Other',
};

export const referralUrgencies = ['routine', 'soon', 'urgent'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];
export const referralUrgencyLabels: Record<ReferralUrgency, string> = {
  routine: 'Routine',
  soon: 'Soon (within 2 weeks)',
  urgent: 'Urgent (within 2 working days)',
};

export const referralConsents = ['yes', 'no', 'not-asked'] as const;
export type ReferralConsent = (typeof referralConsents)[number];
export const referralConsentLabels: Record<ReferralConsent, string> = {
  yes: 'Yes, they agreed to be referred',
  no: 'No',
  'not-asked': 'Not asked yet',
};

export const referralStatuses = ['new', 'contacted', 'accepted', 'declined', 'did-not-engage', 'discharged'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralStatusLabels: Record<ReferralStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  accepted: 'Accepted',
  declined: 'Declined',
  'did-not-engage': 'Did not engage',
  discharged: 'Discharged',
};

export const contactTypes = ['face-to-face', 'phone', 'video', 'home-visit', 'group'] as const;
export type ContactType = (typeof contactTypes)[number];
export const contactTypeLabels: Record<ContactType, string> = {
  'face-to-face': 'Face to face',
  phone: 'Phone',
  video: 'Video',
  'home-visit': 'Home visit',
  group: 'Group',
};

export const accessibilityFeatures = ['step-free', 'accessible-toilet', 'hearing-loop', 'bsl', 'large-print', 'quiet-space', 'parking', 'public-transport'] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];
export const accessibilityFeatureLabels: Record<AccessibilityFeature, string> = {
  'step-free': 'Step-free access',
  'accessible-toilet': 'Accessible toilet',
  'hearing-loop': 'Hearing loop',
  bsl: 'British Sign Language',
  'large-print': 'Large print materials',
  'quiet-space': 'Quiet space',
  parking: 'Disabled parking',
  'public-transport': 'Near public transport',
};

export const connectionKinds = ['signposted', 'referred'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];
export const connectionKindLabels: Record<ConnectionKind, string> = {
  signposted: 'Signposted (given the details)',
  referred: 'Referred (the link worker made the referral)',
};

export const connectionOutcomes = ['not-known-yet', 'attended', 'did-not-attend', 'still-going'] as const;
export type ConnectionOutcome = (typeof connectionOutcomes)[number];
export const connectionOutcomeLabels: Record<ConnectionOutcome, string> = {
  'not-known-yet': 'Not known yet',
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
  'still-going': 'Still going',
};

/** A directory entry not checked for this many months is flagged as possibly out of date. */
export const directoryStaleMonths = 6;

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).default('');
const isoDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}`).pipe(z.iso.date({ error: `The ${label} must be a real date, for example 2026-11-24`, abort: true }));
const pastDate = (label: string) => isoDate(label).refine((date) => date <= isoDateInLondon(new Date()), `The ${label} must be today or in the past`);
const listKey = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Not a recognised choice');
const personId = z.uuid('Person not recognised');
const referralId = z.uuid('Referral not recognised');
const entryId = z.uuid('Directory entry not recognised');
const rowVersion = z.number().int().min(1);

export interface ListOption {
  key: string;
  label: string;
}

/** The SNOMED CT concept a status records, where one exists (data an administrator can change). */
export interface StatusCode {
  status: ReferralStatus;
  conceptId: string | null;
  term: string;
}

export interface SocialPrescribingOptions {
  reasons: ListOption[];
  categories: ListOption[];
  statusCodes: StatusCode[];
}

// ----- Referrals -----

export const referralSchema = z.strictObject({
  personId,
  referredOn: pastDate('date of the referral'),
  source: z.enum(referralSources, 'Choose who made the referral'),
  referrerName: text('Who referred them', 200),
  reasons: z.array(listKey).min(1, 'Choose at least one reason for the referral').max(20),
  otherReason: text('The other reason', 500),
  urgency: z.enum(referralUrgencies, 'Choose how urgent the referral is'),
  consent: z.enum(referralConsents, 'Choose whether they consented to the referral'),
  notes: text('Notes', 4000),
});
export type ReferralInput = z.input<typeof referralSchema>;

export const referralStatusChangeSchema = z.strictObject({
  referralId,
  rowVersion,
  status: z.enum(referralStatuses, 'Choose the new status'),
  changedOn: pastDate('date of the change'),
  note: text('Note', 1000),
  /** Consent is often asked at the first conversation: recorded with the change when given. */
  consent: z.enum(referralConsents, 'Choose whether they consented to the referral').optional(),
});
export type ReferralStatusChangeInput = z.input<typeof referralStatusChangeSchema>;

export interface ReferralStatusChange {
  status: ReferralStatus;
  changedOn: string;
  note: string;
  /** The code recorded with the status, as it was when recorded. */
  conceptId: string | null;
  term: string;
  changedByName: string | null;
}

export interface Referral {
  id: string;
  personId: string;
  referredOn: string;
  source: ReferralSource;
  referrerName: string;
  reasons: ListOption[];
  otherReason: string;
  urgency: ReferralUrgency;
  consent: ReferralConsent;
  notes: string;
  status: ReferralStatus;
  statusChangedOn: string;
  history: ReferralStatusChange[];
  /** The statuses it may move to next. */
  nextStatuses: ReferralStatus[];
  contactCount: number;
  createdByName: string | null;
  rowVersion: number;
}

export interface ReferralInboxRow {
  referralId: string;
  personId: string;
  name: string;
  nhsNumber: string;
  referredOn: string;
  source: ReferralSource;
  reasons: string[];
  urgency: ReferralUrgency;
  status: ReferralStatus;
  statusChangedOn: string;
  contactCount: number;
  workerName: string | null;
}

export const referralInboxSchema = z.strictObject({
  status: z.enum(referralStatuses).optional(),
  assignedTo: z.union([z.literal('me'), z.literal('nobody'), z.uuid()]).optional(),
  sort: z
    .strictObject({ column: z.enum(['referredOn', 'name', 'urgency', 'status', 'statusChangedOn']), direction: z.enum(['ascending', 'descending']) })
    .default({ column: 'referredOn', direction: 'ascending' }),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type ReferralInboxInput = z.input<typeof referralInboxSchema>;

// ----- Contacts -----

export const contactLogSchema = z.strictObject({
  referralId,
  contactOn: pastDate('date of the contact'),
  durationMinutes: z.number('Enter how long it took in minutes').int('Enter a whole number of minutes').min(1, 'A contact takes at least 1 minute').max(600, 'A contact is 600 minutes or fewer'),
  type: z.enum(contactTypes, 'Choose the type of contact'),
  attendees: text('Who attended', 500),
  notes: text('Notes', 4000),
  nextStep: text('Next step', 1000),
});
export type ContactLogInput = z.input<typeof contactLogSchema>;

export interface ReferralContact {
  id: string;
  referralId: string;
  contactOn: string;
  durationMinutes: number;
  type: ContactType;
  attendees: string;
  notes: string;
  nextStep: string;
  recordedByName: string | null;
}

// ----- The directory of local support -----

export const directoryEntrySchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the name').max(200, 'The name must be 200 characters or fewer'),
  category: listKey,
  description: text('The description', 2000),
  address: text('The address', 500),
  area: text('The area', 100),
  contact: text('How to get in touch', 500),
  cost: text('The cost', 200),
  whenItRuns: text('When it runs', 500),
  accessibility: z.array(z.enum(accessibilityFeatures, 'Not a recognised accessibility feature')).max(accessibilityFeatures.length).default([]),
  referralRoute: text('How to refer', 500),
  lastCheckedOn: pastDate('date it was last checked'),
});
export type DirectoryEntryInput = z.input<typeof directoryEntrySchema>;

export interface DirectoryEntry extends z.output<typeof directoryEntrySchema> {
  id: string;
  categoryLabel: string;
  active: boolean;
  /** Not checked for directoryStaleMonths months. */
  stale: boolean;
  connectionCount: number;
  rowVersion: number;
}

export const directorySearchSchema = z.strictObject({
  words: z.string().trim().max(200, 'Search words must be 200 characters or fewer').default(''),
  category: listKey.optional(),
  area: z.string().trim().max(100).default(''),
  accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).default([]),
  staleOnly: z.boolean().default(false),
  includeInactive: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type DirectorySearchInput = z.input<typeof directorySearchSchema>;

/** The largest directory CSV PlanWell reads (about 2 MB of text). */
export const directoryCsvMaximumCharacters = 2_000_000;

export interface DirectoryImportReport {
  rows: number;
  added: number;
  updated: number;
  /** Every problem, by the line of the file; nothing is written while there are any. */
  problems: { line: number; message: string }[];
  committed: boolean;
}

// ----- Connections -----

export const connectionSchema = z.strictObject({
  referralId,
  entryId,
  kind: z.enum(connectionKinds, 'Choose whether they were signposted or referred'),
  connectedOn: pastDate('date of the connection'),
  note: text('Note', 1000),
});
export type ConnectionInput = z.input<typeof connectionSchema>;

export const connectionOutcomeSchema = z.strictObject({
  connectionId: z.uuid('Connection not recognised'),
  rowVersion,
  outcome: z.enum(connectionOutcomes, 'Choose what happened'),
  outcomeOn: pastDate('date of the outcome'),
});
export type ConnectionOutcomeInput = z.input<typeof connectionOutcomeSchema>;

export interface Connection {
  id: string;
  referralId: string;
  personId: string;
  entryId: string;
  entryName: string;
  categoryLabel: string;
  kind: ConnectionKind;
  connectedOn: string;
  note: string;
  outcome: ConnectionOutcome;
  outcomeOn: string | null;
  recordedByName: string | null;
  rowVersion: number;
}

/** A connection as the person's plan shows it, in its support section. */
export interface CommunitySupport {
  name: string;
  category: string;
  kind: ConnectionKind;
  connectedOn: string;
  outcome: ConnectionOutcome;
  contact: string;
  whenItRuns: string;
}

// ----- Outcomes and discharge -----

/** A measure's first score (baseline) and last (follow-up) for a referral. */
export interface MeasureChange {
  measure: OutcomeRecord['measure'];
  baseline: OutcomeRecord | null;
  followUp: OutcomeRecord | null;
}

/** The PRSB social prescribing "message back" to the GP. */
export interface DischargeSummary {
  referral: Referral;
  person: { name: string; nhsNumber: string; dateOfBirth: string };
  practiceName: string;
  linkWorkerName: string | null;
  whatMatters: string;
  contacts: { count: number; totalMinutes: number; first: string | null; last: string | null };
  connections: Connection[];
  measures: MeasureChange[];
  /** The codes recorded, in order, for the GP record. */
  codes: { conceptId: string; term: string; on: string }[];
  /** The same summary as plain text, to paste into the GP record. */
  text: string;
}

export const reportRangeSchema = z
  .strictObject({
    from: isoDate('first date'),
    to: isoDate('last date'),
    /** Left out: every link worker's referrals. */
    assignedTo: z.union([z.literal('me'), z.uuid()]).optional(),
  })
  .refine((range) => range.from <= range.to, { message: 'The last date must be on or after the first', path: ['to'] });
export type ReportRangeInput = z.input<typeof reportRangeSchema>;

export interface OutcomeChangeSummary {
  /**
   * Referrals (episodes of support) with a baseline and a follow-up taken in the range: someone
   * referred twice, with scores both times, counts twice, as commissioners count episodes.
   */
  people: number;
  /** Mean change, in hundredths (SWEMWBS metric score, or the ONS4 item). */
  meanChangeHundredths: number | null;
  /** How many improved, stayed the same, got worse (ONS4 anxiety: lower is better). */
  better: number;
  same: number;
  worse: number;
  /** Each person's change, in hundredths, smallest first: the distribution. */
  changes: number[];
}

export interface CaseloadReport {
  from: string;
  to: string;
  referrals: number;
  bySource: { source: ReferralSource; count: number }[];
  byReason: { key: string; label: string; count: number }[];
  byStatus: { status: ReferralStatus; count: number }[];
  contacts: { total: number; people: number; meanPerPerson: number; totalMinutes: number };
  connectionsByCategory: { key: string; label: string; count: number; attended: number }[];
  outcomeChange: { swemwbs: OutcomeChangeSummary; ons4: Record<'lifeSatisfaction' | 'worthwhile' | 'happiness' | 'anxiety', OutcomeChangeSummary> };
}

export const socialPrescribingChannels = {
  'socialPrescribing.options': channel<SocialPrescribingOptions>()({ input: z.strictObject({}), permission: 'session' }),
  'socialPrescribing.setStatusCode': channel<StatusCode[]>()({
    input: z.strictObject({
      status: z.enum(referralStatuses, 'Choose a status'),
      conceptId: z.string().trim().max(18).refine((value) => value === '' || isSnomedConceptId(value), 'This is not a valid SNOMED CT concept ID: check the digits').default(''),
      term: text('The term', 255),
    }).refine((input) => input.conceptId === '' || input.term !== '', { message: 'Enter the term the code stands for', path: ['term'] }),
    permission: 'settings:manage',
  }),
  'socialPrescribing.addOption': channel<SocialPrescribingOptions>()({
    input: z.strictObject({ list: z.enum(['reason', 'category']), label: z.string().trim().min(1, 'Enter the name').max(100, 'The name must be 100 characters or fewer') }),
    permission: 'settings:manage',
  }),
  'referrals.create': channel<Referral>()({ input: referralSchema, permission: 'people:write' }),
  'referrals.get': channel<Referral>()({ input: z.strictObject({ referralId }), permission: 'people:read' }),
  'referrals.forPerson': channel<Referral[]>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  'referrals.changeStatus': channel<Referral>()({ input: referralStatusChangeSchema, permission: 'people:write' }),
  'referrals.inbox': channel<{ rows: ReferralInboxRow[]; total: number; counts: Record<ReferralStatus, number> }>()({ input: referralInboxSchema, permission: 'people:read' }),
  'referrals.logContact': channel<ReferralContact>()({ input: contactLogSchema, permission: 'people:write' }),
  'referrals.contacts': channel<ReferralContact[]>()({ input: z.strictObject({ referralId }), permission: 'people:read' }),
  'directory.search': channel<{ entries: DirectoryEntry[]; total: number; staleCount: number }>()({ input: directorySearchSchema, permission: 'people:read' }),
  'directory.get': channel<DirectoryEntry>()({ input: z.strictObject({ entryId }), permission: 'people:read' }),
  'directory.save': channel<DirectoryEntry>()({
    input: z.strictObject({ entryId: entryId.optional(), rowVersion: rowVersion.optional(), entry: directoryEntrySchema, active: z.boolean().default(true) }),
    permission: 'people:write',
  }),
  'directory.exportCsv': channel<{ csv: string; fileName: string; rows: number }>()({ input: z.strictObject({}), permission: 'people:read' }),
  /** Checks the file; with commit, adds and updates every row in one transaction, or nothing. */
  'directory.importCsv': channel<DirectoryImportReport>()({
    input: z.strictObject({
      csv: z.string().max(directoryCsvMaximumCharacters, `The file is larger than PlanWell reads (${(directoryCsvMaximumCharacters / 1_000_000).toLocaleString('en-GB')} MB): split it into smaller files`),
      commit: z.boolean().default(false),
    }),
    permission: 'people:write',
  }),
  'connections.create': channel<Connection>()({ input: connectionSchema, permission: 'people:write' }),
  'connections.setOutcome': channel<Connection>()({ input: connectionOutcomeSchema, permission: 'people:write' }),
  'connections.forPerson': channel<Connection[]>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  'referrals.dischargeSummary': channel<DischargeSummary>()({ input: z.strictObject({ referralId }), permission: 'people:read' }),
  /** The discharge summary as a PDF, printed as plans are. Audited as an export. */
  'referrals.dischargePdf': channel<{ fileName: string; base64: string }>()({ input: z.strictObject({ referralId }), permission: 'people:read' }),
  'socialPrescribing.report': channel<CaseloadReport>()({ input: reportRangeSchema, permission: 'people:read' }),
};
