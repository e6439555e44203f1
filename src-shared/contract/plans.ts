import { z } from 'zod';
import { isoDateInLondon } from '../format';
import type { Budget } from './budgets';
import { channel } from './channel';
import type { CommunitySupport } from './social-prescribing';

/**
 * The personalised care and support plan (NHS England's five criteria; PRSB DAPB4022 sections).
 * A plan is kept as versions: one draft at a time per person, agreed versions never change, and
 * agreeing a newer version supersedes the one before.
 */
export const planStatuses = ['draft', 'agreed', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planStatusLabels: Record<PlanStatus, string> = {
  draft: 'Draft',
  agreed: 'Agreed',
  superseded: 'Replaced by a newer version',
};

/** The plan's narrative sections, in the order the plan is read. */
export const planTextSections = ['aboutMe', 'whatMatters', 'strengths', 'healthAndWellbeing', 'contingency', 'peopleInvolved', 'consent'] as const;
export type PlanTextSection = (typeof planTextSections)[number];
export const planTextSectionLabels: Record<PlanTextSection, string> = {
  aboutMe: 'About me',
  whatMatters: 'What matters to me',
  strengths: 'My strengths and support network',
  healthAndWellbeing: 'My health and wellbeing needs',
  contingency: 'Contingency and crisis plan: who to contact and what to do',
  peopleInvolved: 'People involved and named contacts',
  consent: 'Consent and sharing',
};

/** Where a conversation note can be moved: a narrative section, or a new goal, action or risk. */
export const noteDestinations = [...planTextSections, 'goals', 'actions', 'risks'] as const;
export type NoteDestination = (typeof noteDestinations)[number];
export const noteDestinationLabels: Record<NoteDestination, string> = {
  ...planTextSectionLabels,
  goals: 'My goals',
  actions: 'Support and actions',
  risks: 'Risks and how we manage them',
};

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).default('');
const itemId = z.uuid();
/** A calendar date, or nothing yet: plans are written a little at a time. */
const optionalDate = (label: string) =>
  z.string().trim().refine((value) => value === '' || z.iso.date().safeParse(value).success, `${label} must be a real date, for example 2027-03-31`).default('');

export const planGoalSchema = z.strictObject({
  id: itemId,
  /** What I want to achieve, in my words. */
  outcome: z.string().trim().min(1, 'Enter the goal in their words').max(1000, 'The goal must be 1,000 characters or fewer'),
  howWeWillKnow: text('How we will know', 1000),
  byWhen: optionalDate('By when'),
  steps: text('Steps and who helps', 2000),
  linkedNeeds: text('Linked needs', 1000),
});
export type PlanGoal = z.output<typeof planGoalSchema>;

export const planActionSchema = z.strictObject({
  id: itemId,
  action: z.string().trim().min(1, 'Enter what will be done').max(1000, 'The action must be 1,000 characters or fewer'),
  who: text('Who', 200),
  when: text('When', 200),
});
export type PlanAction = z.output<typeof planActionSchema>;

export const planRiskSchema = z.strictObject({
  id: itemId,
  risk: z.string().trim().min(1, 'Enter the risk').max(1000, 'The risk must be 1,000 characters or fewer'),
  management: text('How we manage it', 2000),
});
export type PlanRisk = z.output<typeof planRiskSchema>;

/** Something said in the conversation, kept until it is moved into the plan. */
export const conversationNoteSchema = z.strictObject({
  id: itemId,
  /** The guide step it was said at (its title). */
  step: text('Step', 200),
  text: z.string().trim().min(1, 'Enter the note').max(4000, 'A note must be 4,000 characters or fewer'),
  /** Written down as the person said it. */
  ownWords: z.boolean().default(true),
});
export type ConversationNote = z.output<typeof conversationNoteSchema>;

const sectionText = (section: PlanTextSection) => text(planTextSectionLabels[section], 10_000);

/** Everything the plan holds that people write; the same schema for a draft and an agreed version. */
export const planContentSchema = z.strictObject({
  aboutMe: sectionText('aboutMe'),
  whatMatters: sectionText('whatMatters'),
  strengths: sectionText('strengths'),
  healthAndWellbeing: sectionText('healthAndWellbeing'),
  goals: z.array(planGoalSchema).max(50, 'A plan can have at most 50 goals').default([]),
  actions: z.array(planActionSchema).max(100, 'A plan can have at most 100 actions').default([]),
  risks: z.array(planRiskSchema).max(50, 'A plan can have at most 50 risks').default([]),
  contingency: sectionText('contingency'),
  peopleInvolved: sectionText('peopleInvolved'),
  consent: sectionText('consent'),
  reviewDate: optionalDate('Review date'),
  notes: z.array(conversationNoteSchema).max(200, 'A conversation can have at most 200 notes').default([]),
});
export type PlanContentInput = z.input<typeof planContentSchema>;
export type PlanContent = z.output<typeof planContentSchema>;

export const emptyPlanContent: PlanContent = planContentSchema.parse({});

export const agreementMethods = ['in-person', 'video', 'phone', 'in-writing'] as const;
export type AgreementMethod = (typeof agreementMethods)[number];
export const agreementMethodLabels: Record<AgreementMethod, string> = {
  'in-person': 'In person',
  video: 'By video call',
  phone: 'By phone',
  'in-writing': 'In writing (letter or email)',
};

export const agreedForPersonBy = ['person', 'representative'] as const;
export type AgreedForPersonBy = (typeof agreedForPersonBy)[number];

export interface PlanAgreement {
  /** The person themselves, or their representative (named). */
  agreedBy: AgreedForPersonBy;
  representativeName: string;
  method: AgreementMethod;
  agreedOn: string;
  /** The member of staff who agreed it for the team. */
  teamMemberName: string;
  recordedAt: string;
}

/** What the record said about the person when the version was agreed (or says now, for a draft). */
export interface PlanRecordDetails {
  communicationNeeds: string[];
  communicationNotes: string;
  contacts: { name: string; role: string; relationship: string; mayReceivePlan: boolean }[];
  sharingPreferences: string;
  /** Groups and services the link worker connected them to (social prescribing). */
  communitySupport: CommunitySupport[];
}

export interface PlanVersionSummary {
  id: string;
  version: number;
  status: PlanStatus;
  reviewDate: string;
  updatedAt: string;
  updatedByName: string | null;
  agreedOn: string | null;
  supersededAt: string | null;
}

export interface CarePlan extends PlanVersionSummary {
  personId: string;
  guideCode: string;
  content: PlanContent;
  /** The personal health budget agreed with this version, if there is one. */
  budget: Budget | null;
  agreement: PlanAgreement | null;
  recordDetails: PlanRecordDetails;
  createdAt: string;
  createdByName: string | null;
  rowVersion: number;
}

/** A conversation guide: steps of prompts a worker reads aloud or adapts. Guides are data. */
export interface ConversationGuideStep {
  title: string;
  /** In plain words the person can follow. */
  prompts: string[];
  /** The plan section what is said here usually belongs in. */
  section: NoteDestination;
}

export interface ConversationGuide {
  code: string;
  name: string;
  description: string;
  builtIn: boolean;
  steps: ConversationGuideStep[];
}

const planId = z.uuid('Plan not recognised');
const personId = z.uuid('Person not recognised');
const rowVersion = z.number().int().min(1);

export const startPlanDraftSchema = z.strictObject({
  personId,
  guideCode: z.string().min(1).max(64).default('what-matters'),
});

export const savePlanDraftSchema = z.strictObject({ planId, rowVersion, content: planContentSchema });
export type SavePlanDraftInput = z.input<typeof savePlanDraftSchema>;

export const agreePlanSchema = z
  .strictObject({
    planId,
    rowVersion,
    agreedBy: z.enum(agreedForPersonBy, 'Choose who agreed the plan for the person'),
    representativeName: text('Representative’s name', 200),
    method: z.enum(agreementMethods, 'Choose how the plan was agreed'),
    agreedOn: z
      .string()
      .trim()
      .min(1, 'Enter the date the plan was agreed')
      .pipe(z.iso.date({ error: 'The date agreed must be a real date, for example 2026-11-24', abort: true }))
      .refine((date) => date <= isoDateInLondon(new Date()), 'The date agreed must be today or in the past'),
  })
  .refine((input) => input.agreedBy !== 'representative' || input.representativeName !== '', {
    message: 'Enter the name of the representative who agreed the plan',
    path: ['representativeName'],
    // Checked alongside the other fields' errors, not only once they are all right.
    when: (payload) => {
      // The input may be anything at all (it comes from the page): only an object is looked into.
      const value: unknown = payload.value;
      if (typeof value !== 'object' || value === null) return false;
      const { agreedBy, representativeName } = value as { agreedBy?: unknown; representativeName?: unknown };
      return agreedBy === 'representative' && typeof representativeName === 'string';
    },
  });
export type AgreePlanInput = z.input<typeof agreePlanSchema>;

const guideStepSchema = z.strictObject({
  title: z.string().trim().min(1, 'Enter a title for the step').max(120, 'A step title must be 120 characters or fewer'),
  prompts: z
    .array(z.string().trim().min(1).max(500, 'A prompt must be 500 characters or fewer'))
    .min(1, 'Give each step at least one prompt')
    .max(12, 'A step can have at most 12 prompts'),
  section: z.enum(noteDestinations, 'Choose the plan section this step feeds'),
});

export const newGuideSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the name of the guide').max(100, 'The name must be 100 characters or fewer'),
  description: text('Description', 500),
  steps: z.array(guideStepSchema).min(1, 'A guide needs at least one step').max(20, 'A guide can have at most 20 steps'),
});
export type NewGuideInput = z.input<typeof newGuideSchema>;

export const plansChannels = {
  /** Every version of a person's plan, newest first. */
  'plans.list': channel<PlanVersionSummary[]>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  'plans.get': channel<CarePlan>()({ input: z.strictObject({ planId }), permission: 'people:read' }),
  /** A new draft: from the latest agreed version if there is one. Refused while a draft exists. */
  'plans.startDraft': channel<CarePlan>()({ input: startPlanDraftSchema, permission: 'people:write' }),
  'plans.saveDraft': channel<CarePlan>()({ input: savePlanDraftSchema, permission: 'people:write' }),
  'plans.discardDraft': channel<null>()({ input: z.strictObject({ planId, rowVersion }), permission: 'people:write' }),
  'plans.agree': channel<CarePlan>()({ input: agreePlanSchema, permission: 'people:write' }),
  'guides.list': channel<ConversationGuide[]>()({ input: z.strictObject({}), permission: 'people:read' }),
  'guides.add': channel<ConversationGuide>()({ input: newGuideSchema, permission: 'settings:manage' }),
};
