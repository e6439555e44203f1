import { z } from 'zod';
import { isoDateInLondon } from '../format';
import {
  communicationNeedKinds,
  communicationNeeds,
  type CommunicationNeed,
} from '../domain/accessible-information';
import { nhsNumberProblem, normaliseNhsNumber } from '../domain/nhs-number';
import { channel } from './channel';

export const personStatuses = ['active', 'closed'] as const;
export type PersonStatus = (typeof personStatuses)[number];

export const contactMethods = ['phone', 'text-message', 'email', 'letter'] as const;
export type ContactMethod = (typeof contactMethods)[number];
export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: 'Phone call',
  'text-message': 'Text message',
  email: 'Email',
  letter: 'Letter',
};

/** The people around a person: who they are to them decides what they may do with the plan. */
export const contactRoles = ['carer', 'representative', 'nominee', 'next-of-kin', 'professional'] as const;
export type ContactRole = (typeof contactRoles)[number];
export const contactRoleLabels: Record<ContactRole, string> = {
  carer: 'Carer',
  representative: 'Representative',
  nominee: 'Nominee (receives a direct payment for them)',
  'next-of-kin': 'Next of kin',
  professional: 'Other professional',
};

export interface PersonContact {
  id: string;
  role: ContactRole;
  name: string;
  relationship: string;
  phone: string;
  email: string;
  address: string;
  /** Whether the person agrees this contact may receive a copy of their plan. */
  mayReceivePlan: boolean;
}

export interface EligibilityGroup {
  code: string;
  label: string;
  /** A legal right to a personal health budget (Standing Rules Regulations 2012, reg 32A). */
  legalRight: boolean;
  active: boolean;
}

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  nhsNumber: string;
  /** As the person describes it; optional. */
  sexOrGender: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  preferredContactMethod: ContactMethod | '';
  registeredPractice: string;
  status: PersonStatus;
  closedReason: string;
  closedOn: string;
  assignedWorkerId: string | null;
  assignedWorkerName: string | null;
  /** Consent and sharing choices: who may see the plan, in plain words. */
  sharingPreferences: string;
  eligibility: string[];
  communicationNeeds: CommunicationNeed[];
  communicationNotes: string;
  contacts: PersonContact[];
  createdAt: string;
  updatedAt: string;
  /** Changes name the version they started from, so two people editing at once cannot overwrite each other. */
  rowVersion: number;
}

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  nhsNumber: string;
  postcode: string;
  status: PersonStatus;
  assignedWorkerName: string | null;
  /** The accessible-information needs in plain words, for the flag in lists. */
  communicationNeeds: string[];
}

export interface TimelineEntry {
  seq: number;
  at: string;
  userName: string | null;
  action: string;
  detail: string;
}

const nameSchema = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .max(100, `The ${label} must be 100 characters or fewer`);

export const nhsNumberSchema = z
  .string()
  .trim()
  .max(20, 'NHS number must be 10 digits')
  .superRefine((value, ctx) => {
    const problem = nhsNumberProblem(value);
    if (problem === 'not-ten-digits') ctx.addIssue({ code: 'custom', message: 'NHS number must be 10 digits, like 943 476 5919' });
    if (problem === 'check-digit') ctx.addIssue({ code: 'custom', message: 'This is not a valid NHS number. Check it has been typed correctly' });
  })
  .transform(normaliseNhsNumber);

export const dateOfBirthSchema = z
  .string()
  .trim()
  .min(1, 'Enter the date of birth')
  // abort: a text that is not a date must not also be told it is "in the future" (string order).
  .pipe(z.iso.date({ error: 'Date of birth must be a real date, for example 1950-03-27', abort: true }))
  .refine((date) => date >= '1900-01-01', 'Date of birth must be after 1 January 1900')
  .refine((date) => date <= isoDateInLondon(new Date()), 'Date of birth must be today or in the past');

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default('');

/** UK postcodes: outward code, a space (optional when typed), inward code. Stored upper case with one space. */
export const postcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(10, 'Postcode must be 10 characters or fewer')
  .refine((value) => value === '' || /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(value), 'Enter a real postcode, for example LS1 4AP')
  .transform((value) => (value === '' ? '' : `${value.replace(' ', '').slice(0, -3)} ${value.replace(' ', '').slice(-3)}`))
  .default('');

const phoneSchema = z
  .string()
  .trim()
  .max(30, 'Phone number must be 30 characters or fewer')
  .refine((value) => value === '' || /^\+?[0-9 ()-]{6,}$/.test(value), 'Enter a phone number using digits, for example 0113 496 0000')
  .default('');

const emailFormat = z.email();
const emailSchema = z
  .string()
  .trim()
  .max(254, 'Email address must be 254 characters or fewer')
  .refine((value) => value === '' || emailFormat.safeParse(value).success, 'Enter an email address in the right format, like name@example.com')
  .default('');

/** Everything about a person that staff type in one form; the same schema adds and changes a person. */
const personDetailsShape = {
  givenName: nameSchema('given name'),
  familyName: nameSchema('family name'),
  preferredName: optionalText('Preferred name', 100),
  dateOfBirth: dateOfBirthSchema,
  nhsNumber: nhsNumberSchema,
  sexOrGender: optionalText('Sex or gender', 100),
  address: optionalText('Address', 500),
  postcode: postcodeSchema,
  phone: phoneSchema,
  email: emailSchema,
  preferredContactMethod: z.enum([...contactMethods, '']).default(''),
  registeredPractice: optionalText('Registered GP practice', 200),
  assignedWorkerId: z.uuid('Choose a member of staff from the list').nullable().default(null),
  sharingPreferences: optionalText('Sharing choices', 2000),
};

export const newPersonSchema = z.strictObject(personDetailsShape);
export type NewPersonInput = z.input<typeof newPersonSchema>;
export type NewPerson = z.output<typeof newPersonSchema>;

export const updatePersonSchema = z.strictObject({
  ...personDetailsShape,
  id: z.uuid('Person not recognised'),
  rowVersion: z.number().int().min(1),
});
export type UpdatePersonInput = z.input<typeof updatePersonSchema>;

export const closePersonSchema = z.strictObject({
  id: z.uuid('Person not recognised'),
  rowVersion: z.number().int().min(1),
  closedReason: z.string().trim().min(1, 'Enter why their record is being closed').max(500, 'Reason must be 500 characters or fewer'),
  closedOn: z.iso.date('Enter the date the record was closed, for example 2026-11-24'),
});

export const reopenPersonSchema = z.strictObject({ id: z.uuid('Person not recognised'), rowVersion: z.number().int().min(1) });

const needCodes = Object.values(communicationNeeds).flatMap((needs) => Object.keys(needs));
/**
 * The record version a change to part of the record started from. The screens always send it, so
 * two people editing the same record cannot overwrite each other; without it the change applies
 * to the latest version.
 */
const partVersion = z.number().int().min(1).optional();

export const communicationNeedsSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  rowVersion: partVersion,
  needs: z
    .array(
      z.strictObject({
        kind: z.enum(communicationNeedKinds),
        need: z.string().refine((code) => needCodes.includes(code), 'Choose a need from the list'),
        detail: z.string().trim().max(300, 'Detail must be 300 characters or fewer').default(''),
      }).refine((n) => Object.hasOwn(communicationNeeds[n.kind], n.need), { message: 'That need does not belong to this kind', path: ['need'] })
        .refine((n) => n.need !== 'other' || n.detail !== '', { message: 'Describe the need in their words', path: ['detail'] }),
    )
    .max(20, 'Record at most 20 needs'),
  notes: optionalText('Notes', 2000),
});
export type CommunicationNeedsInput = z.input<typeof communicationNeedsSchema>;

export const eligibilitySchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  rowVersion: partVersion,
  groups: z.array(z.string().min(1).max(64)).max(20).refine((g) => new Set(g).size === g.length, 'Each group can be chosen once'),
});

export const personContactSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  rowVersion: partVersion,
  contact: z.strictObject({
    id: z.uuid().optional(),
    role: z.enum(contactRoles, 'Choose who they are to the person'),
    name: z.string().trim().min(1, 'Enter their name').max(200, 'Name must be 200 characters or fewer'),
    relationship: optionalText('Relationship', 100),
    phone: phoneSchema,
    email: emailSchema,
    address: optionalText('Address', 500),
    mayReceivePlan: z.boolean().default(false),
  }),
});
export type PersonContactInput = z.input<typeof personContactSchema>;

export const removeContactSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  rowVersion: partVersion,
  contactId: z.uuid('Contact not recognised'),
});

export const newEligibilityGroupSchema = z.strictObject({
  label: z.string().trim().min(1, 'Enter the name of the group').max(100, 'Name must be 100 characters or fewer'),
});

export const personIdSchema = z.strictObject({ id: z.uuid('Person not recognised') });

export const caseloadSortColumns = ['name', 'dateOfBirth', 'nhsNumber', 'postcode', 'assignedWorker', 'updatedAt'] as const;
export type CaseloadSortColumn = (typeof caseloadSortColumns)[number];

export const searchPeopleSchema = z.strictObject({
  query: z.string().max(100, 'Search must be 100 characters or fewer').default(''),
  /** 'me' is the signed-in worker's own caseload. */
  assignedTo: z.union([z.literal('me'), z.literal('nobody'), z.uuid()]).optional(),
  eligibility: z.string().min(1).max(64).optional(),
  status: z.enum([...personStatuses, 'any']).default('active'),
  hasCommunicationNeeds: z.boolean().optional(),
  sort: z
    .strictObject({ column: z.enum(caseloadSortColumns), direction: z.enum(['ascending', 'descending']) })
    .default({ column: 'name', direction: 'ascending' }),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type SearchPeopleInput = z.input<typeof searchPeopleSchema>;

/** What a member of staff chose to see in a list, remembered per user. */
export const preferenceSchema = z.strictObject({
  key: z.enum(['caseload.columns']),
  value: z.array(z.string().max(64)).max(30),
});

const personIdOnly = z.strictObject({ personId: z.uuid('Person not recognised') });

export const peopleChannels = {
  'people.create': channel<Person>()({ input: newPersonSchema, permission: 'people:write' }),
  'people.get': channel<Person>()({ input: personIdSchema, permission: 'people:read' }),
  'people.update': channel<Person>()({ input: updatePersonSchema, permission: 'people:write' }),
  'people.close': channel<Person>()({ input: closePersonSchema, permission: 'people:write' }),
  'people.reopen': channel<Person>()({ input: reopenPersonSchema, permission: 'people:write' }),
  'people.setCommunicationNeeds': channel<Person>()({ input: communicationNeedsSchema, permission: 'people:write' }),
  'people.setEligibility': channel<Person>()({ input: eligibilitySchema, permission: 'people:write' }),
  'people.saveContact': channel<Person>()({ input: personContactSchema, permission: 'people:write' }),
  'people.removeContact': channel<Person>()({ input: removeContactSchema, permission: 'people:write' }),
  /** Everything recorded about a person, newest first (from the audit trail, without views). */
  'people.timeline': channel<TimelineEntry[]>()({ input: personIdOnly, permission: 'people:read' }),
  'eligibility.list': channel<EligibilityGroup[]>()({ input: z.strictObject({}), permission: 'people:read' }),
  'eligibility.add': channel<EligibilityGroup>()({ input: newEligibilityGroupSchema, permission: 'settings:manage' }),
  /** Names of active staff, to assign a worker; every clinical user may see these. */
  'staff.directory': channel<{ id: string; fullName: string }[]>()({ input: z.strictObject({}), permission: 'people:read' }),
  'preferences.get': channel<string[] | null>()({ input: z.strictObject({ key: preferenceSchema.shape.key }), permission: 'session' }),
  'preferences.set': channel<null>()({ input: preferenceSchema, permission: 'session' }),
  'people.search': channel<{ people: PersonSummary[]; total: number }>()({
    input: searchPeopleSchema,
    permission: 'people:read',
  }),
};
