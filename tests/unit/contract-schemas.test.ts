import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  auditFilterSchema,
  auditListSchema,
  changePasswordSchema,
  contract,
  createPracticeSchema,
  draftKeySchema,
  maxDraftCharacters,
  newStaffSchema,
  settingsChannels,
  settingsSchema,
  staffIdSchema,
  staffRolesSchema,
  isChannelName,
  logInSchema,
  newPersonSchema,
  permissions,
  recordSpendSchema,
  recoverSchema,
  recoveryCodeSchema,
  searchPeopleSchema,
  unlockSchema,
  caseloadSortColumns,
  closePersonSchema,
  communicationNeedsSchema,
  contactMethods,
  eligibilitySchema,
  newEligibilityGroupSchema,
  personContactSchema,
  postcodeSchema,
  preferenceSchema,
  removeContactSchema,
  reopenPersonSchema,
  updatePersonSchema,
} from '../../src-shared/contract';
import { isoDateInLondon } from '../../src-shared/format';
import { testNhsNumber } from '../fixtures/nhs-numbers';

/** The issues of a failed parse as { path: [messages] }; fails the test if the parse succeeded. */
function issuesByPath(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`Expected ${JSON.stringify(input)} to be refused`);
  const byPath: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    (byPath[path] ??= []).push(issue.message);
  }
  return byPath;
}

function isoDaysFromToday(days: number): string {
  const today = isoDateInLondon(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const nhsNumber = testNhsNumber('999321');
const spacedNhsNumber = `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
const validPerson = { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1950-03-27', nhsNumber };
const staffUuid = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
const personUuid = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f';
/** What newPersonSchema fills in for the optional details. */
const personDefaults = {
  preferredName: '',
  sexOrGender: '',
  address: '',
  postcode: '',
  phone: '',
  email: '',
  preferredContactMethod: '',
  registeredPractice: '',
  assignedWorkerId: null,
  sharingPreferences: '',
};

describe('newPersonSchema', () => {
  it('trims names and the date, and normalises the NHS number to ten digits', () => {
    const parsed = newPersonSchema.parse({
      givenName: '  Ann ',
      familyName: '\tLee  ',
      dateOfBirth: ' 1950-03-27 ',
      nhsNumber: ` ${spacedNhsNumber.replace(' ', '-')} `,
    });
    expect(parsed).toEqual({ ...personDefaults, givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1950-03-27', nhsNumber });
  });

  it('fills the optional details with empty values, and nobody assigned', () => {
    expect(newPersonSchema.parse(validPerson)).toEqual({ ...personDefaults, ...validPerson });
  });

  it('trims every text and normalises the postcode', () => {
    const parsed = newPersonSchema.parse({
      ...validPerson,
      preferredName: ' Annie ',
      sexOrGender: ' Woman ',
      address: ' 1 Park Row, Leeds ',
      postcode: ' ls1 4ap ',
      phone: ' 0113 496 0000 ',
      email: ' ann.lee@example.com ',
      preferredContactMethod: 'letter',
      registeredPractice: ' Riverside Surgery ',
      assignedWorkerId: staffUuid,
      sharingPreferences: ' Her son may see the plan. ',
    });
    expect(parsed).toEqual({
      ...validPerson,
      preferredName: 'Annie',
      sexOrGender: 'Woman',
      address: '1 Park Row, Leeds',
      postcode: 'LS1 4AP',
      phone: '0113 496 0000',
      email: 'ann.lee@example.com',
      preferredContactMethod: 'letter',
      registeredPractice: 'Riverside Surgery',
      assignedWorkerId: staffUuid,
      sharingPreferences: 'Her son may see the plan.',
    });
  });

  it('takes a worker as a staff id, or nobody', () => {
    expect(newPersonSchema.parse({ ...validPerson, assignedWorkerId: null }).assignedWorkerId).toBeNull();
    expect(issuesByPath(newPersonSchema, { ...validPerson, assignedWorkerId: 'jane.admin' })).toEqual({
      assignedWorkerId: ['Choose a member of staff from the list'],
    });
  });

  it('knows the contact methods', () => {
    for (const method of [...contactMethods, '']) {
      expect(newPersonSchema.parse({ ...validPerson, preferredContactMethod: method }).preferredContactMethod).toBe(method);
    }
    expect(Object.keys(issuesByPath(newPersonSchema, { ...validPerson, preferredContactMethod: 'pigeon' }))).toEqual(['preferredContactMethod']);
  });

  it('says which name is missing', () => {
    const issues = issuesByPath(newPersonSchema, { ...validPerson, givenName: '', familyName: '   ' });
    expect(issues).toEqual({ givenName: ['Enter the given name'], familyName: ['Enter the family name'] });
  });

  it('reports an absent name at its own field', () => {
    const { givenName: _omitted, ...withoutGivenName } = validPerson;
    expect(Object.keys(issuesByPath(newPersonSchema, withoutGivenName))).toEqual(['givenName']);
  });

  it('limits names to 100 characters', () => {
    expect(newPersonSchema.safeParse({ ...validPerson, familyName: 'x'.repeat(100) }).success).toBe(true);
    expect(issuesByPath(newPersonSchema, { ...validPerson, familyName: 'x'.repeat(101) })).toEqual({
      familyName: ['The family name must be 100 characters or fewer'],
    });
  });

  it('refuses a date that does not exist', () => {
    for (const dateOfBirth of ['2023-02-29', '1950-13-01', '1950-04-31', '27/03/1950', 'yesterday']) {
      expect(issuesByPath(newPersonSchema, { ...validPerson, dateOfBirth })).toEqual({
        dateOfBirth: ['Date of birth must be a real date, for example 1950-03-27'],
      });
    }
    expect(newPersonSchema.safeParse({ ...validPerson, dateOfBirth: '2024-02-29' }).success).toBe(true);
  });

  it('asks for a date of birth when it is blank', () => {
    expect(issuesByPath(newPersonSchema, { ...validPerson, dateOfBirth: ' ' })).toEqual({
      dateOfBirth: ['Enter the date of birth'],
    });
  });

  it('refuses a date of birth in the future but accepts today', () => {
    expect(issuesByPath(newPersonSchema, { ...validPerson, dateOfBirth: isoDaysFromToday(1) })).toEqual({
      dateOfBirth: ['Date of birth must be today or in the past'],
    });
    expect(newPersonSchema.safeParse({ ...validPerson, dateOfBirth: isoDaysFromToday(0) }).success).toBe(true);
  });

  it('refuses a date of birth before 1900', () => {
    expect(issuesByPath(newPersonSchema, { ...validPerson, dateOfBirth: '1899-12-31' })).toEqual({
      dateOfBirth: ['Date of birth must be after 1 January 1900'],
    });
    expect(newPersonSchema.safeParse({ ...validPerson, dateOfBirth: '1900-01-01' }).success).toBe(true);
  });

  it('explains a wrong NHS number in words', () => {
    const wrongCheck = `${nhsNumber.slice(0, 9)}${(Number(nhsNumber[9]) + 1) % 10}`;
    expect(issuesByPath(newPersonSchema, { ...validPerson, nhsNumber: wrongCheck })).toEqual({
      nhsNumber: ['This is not a valid NHS number. Check it has been typed correctly'],
    });
    expect(issuesByPath(newPersonSchema, { ...validPerson, nhsNumber: nhsNumber.slice(0, 9) })).toEqual({
      nhsNumber: ['NHS number must be 10 digits, like 943 476 5919'],
    });
  });

  it('rejects unknown keys (strict object)', () => {
    const issues = issuesByPath(newPersonSchema, { ...validPerson, role: 'administrator' });
    expect(Object.keys(issues)).toEqual(['']);
    expect(issues['']?.[0]).toMatch(/role/);
  });
});

describe('createPracticeSchema', () => {
  const practice = {
    practiceName: ' Riverside Surgery ',
    odsCode: 'a81001',
    fullName: ' Jane Admin ',
    username: ' Jane.Admin ',
    password: 'amber-kettle-harbour',
    confirmPassword: 'amber-kettle-harbour',
  };

  it('accepts a good practice, trimming, upper-casing the ODS code and lower-casing the username', () => {
    expect(createPracticeSchema.parse(practice)).toEqual({
      practiceName: 'Riverside Surgery',
      odsCode: 'A81001',
      fullName: 'Jane Admin',
      username: 'jane.admin',
      password: 'amber-kettle-harbour',
      confirmPassword: 'amber-kettle-harbour',
      clinicalRoles: [],
    });
  });

  it('lets the first administrator also hold the clinical roles, and only those', () => {
    expect(createPracticeSchema.parse({ ...practice, clinicalRoles: ['link-worker'] }).clinicalRoles).toEqual(['link-worker']);
    expect(createPracticeSchema.parse({ ...practice, clinicalRoles: ['nurse', 'link-worker'] }).clinicalRoles).toEqual(['nurse', 'link-worker']);
    expect(issuesByPath(createPracticeSchema, { ...practice, clinicalRoles: ['nurse', 'nurse'] })).toEqual({
      clinicalRoles: ['Each role can be chosen once'],
    });
    for (const clinicalRoles of [['administrator'], ['viewer'], ['doctor'], 'nurse', ['nurse', 'link-worker', 'nurse']]) {
      const issues = issuesByPath(createPracticeSchema, { ...practice, clinicalRoles });
      expect(Object.keys(issues).every((path) => path.startsWith('clinicalRoles')), JSON.stringify(clinicalRoles)).toBe(true);
    }
  });

  it('says when the confirmation does not match', () => {
    expect(issuesByPath(createPracticeSchema, { ...practice, confirmPassword: 'amber-kettle-harbor' })).toEqual({
      confirmPassword: ['Passwords do not match'],
    });
  });

  it('applies the password policy, including the username rule', () => {
    const containsUsername = 'my-jane.admin-secret';
    expect(issuesByPath(createPracticeSchema, { ...practice, password: containsUsername, confirmPassword: containsUsername })).toEqual({
      password: ['Password must not contain your username'],
    });
    // The check uses the username as parsed (trimmed, lower case), whatever case the password uses.
    const upper = 'MY-JANE.ADMIN-SECRET';
    expect(issuesByPath(createPracticeSchema, { ...practice, password: upper, confirmPassword: upper })).toEqual({
      password: ['Password must not contain your username'],
    });
    expect(issuesByPath(createPracticeSchema, { ...practice, password: 'short', confirmPassword: 'short' })).toEqual({
      password: ['Password must be at least 12 characters'],
    });
  });

  it('checks the username format', () => {
    expect(issuesByPath(createPracticeSchema, { ...practice, username: 'jane admin' })).toEqual({
      username: ['Username can only use letters, numbers, dots, hyphens and underscores'],
    });
    expect(issuesByPath(createPracticeSchema, { ...practice, username: 'ja' })).toEqual({
      username: ['Username must be at least 3 characters'],
    });
  });

  it('refuses unknown keys', () => {
    expect(createPracticeSchema.safeParse({ ...practice, roles: ['administrator'] }).success).toBe(false);
  });
});

describe('logInSchema and unlockSchema', () => {
  it('lower-cases and trims the username but leaves the password exactly as typed', () => {
    expect(logInSchema.parse({ username: '  Jane.ADMIN ', password: ' Pass Word ' })).toEqual({
      username: 'jane.admin',
      password: ' Pass Word ',
    });
  });

  it('asks for a username and a password without hinting at the password rules', () => {
    expect(issuesByPath(logInSchema, { username: ' ', password: '' })).toEqual({
      username: ['Enter your username'],
      password: ['Enter your password'],
    });
    // A short password is not refused here: the answer must not reveal the policy.
    expect(logInSchema.safeParse({ username: 'jane', password: 'x' }).success).toBe(true);
    expect(unlockSchema.safeParse({ password: 'x' }).success).toBe(true);
    expect(unlockSchema.safeParse({ password: 'x', username: 'jane' }).success).toBe(false);
  });
});

describe('recoveryCodeSchema', () => {
  const code = 'ABCDEFGHJKMNPQRSTVWXYZ234';

  it('accepts the code as shown, in lower case, and with spaces or hyphens', () => {
    expect(recoveryCodeSchema.parse('ABCDE-FGHJK-MNPQR-STVWX-YZ234')).toBe(code);
    expect(recoveryCodeSchema.parse('abcde-fghjk-mnpqr-stvwx-yz234')).toBe(code);
    expect(recoveryCodeSchema.parse('abcde fghjk  mnpqr\tstvwx yz234')).toBe(code);
    expect(recoveryCodeSchema.parse(code)).toBe(code);
  });

  it('reads O as zero and I or L as one', () => {
    expect(recoveryCodeSchema.parse('OOOOO-IIIII-LLLLL-ooooo-iiill')).toBe('0000011111111110000011111');
  });

  it('refuses a code of the wrong length or with other characters', () => {
    expect(recoveryCodeSchema.safeParse('ABCDE-FGHJK-MNPQR-STVWX-YZ23').success).toBe(false);
    expect(recoveryCodeSchema.safeParse('ABCDE-FGHJK-MNPQR-STVWX-YZ2345').success).toBe(false);
    expect(recoveryCodeSchema.safeParse('ABCDE-FGHJK-MNPQR-STVWX-YZ23!').success).toBe(false);
    expect(recoveryCodeSchema.safeParse('').success).toBe(false);
  });

  it('is what auth.recover uses', () => {
    const parsed = recoverSchema.parse({
      recoveryCode: 'abcde fghjk mnpqr stvwx yz234',
      username: ' Jane.Admin ',
      password: 'amber-kettle-harbour',
      confirmPassword: 'amber-kettle-harbour',
    });
    expect(parsed.recoveryCode).toBe(code);
    expect(parsed.username).toBe('jane.admin');
  });
});

describe('searchPeopleSchema', () => {
  const defaults = { query: '', status: 'active', sort: { column: 'name', direction: 'ascending' }, limit: 50, offset: 0 };

  it('fills in defaults: active people, by name, first page of 50', () => {
    expect(searchPeopleSchema.parse({})).toEqual(defaults);
    expect(searchPeopleSchema.parse({ query: 'lee', limit: 10, offset: 20 })).toEqual({ ...defaults, query: 'lee', limit: 10, offset: 20 });
  });

  it('filters by worker (me, nobody or a staff id), group, status and communication needs', () => {
    for (const assignedTo of ['me', 'nobody', staffUuid]) expect(searchPeopleSchema.parse({ assignedTo }).assignedTo).toBe(assignedTo);
    for (const assignedTo of ['someone', '', 'ME', "' OR 1=1 --"]) {
      expect(Object.keys(issuesByPath(searchPeopleSchema, { assignedTo })), assignedTo).toEqual(['assignedTo']);
    }
    for (const status of ['active', 'closed', 'any']) expect(searchPeopleSchema.parse({ status }).status).toBe(status);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { status: 'deleted' }))).toEqual(['status']);
    expect(searchPeopleSchema.parse({ eligibility: 'chc', hasCommunicationNeeds: false })).toEqual({ ...defaults, eligibility: 'chc', hasCommunicationNeeds: false });
    expect(Object.keys(issuesByPath(searchPeopleSchema, { eligibility: '' }))).toEqual(['eligibility']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { eligibility: 'x'.repeat(65) }))).toEqual(['eligibility']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { hasCommunicationNeeds: 'yes' }))).toEqual(['hasCommunicationNeeds']);
  });

  it('sorts by the caseload columns, either way, and nothing else', () => {
    for (const column of caseloadSortColumns) {
      for (const direction of ['ascending', 'descending'] as const) {
        expect(searchPeopleSchema.parse({ sort: { column, direction } }).sort).toEqual({ column, direction });
      }
    }
    expect(Object.keys(issuesByPath(searchPeopleSchema, { sort: { column: 'search_name', direction: 'ascending' } }))).toEqual(['sort.column']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { sort: { column: 'name', direction: 'up' } }))).toEqual(['sort.direction']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { sort: { column: 'name' } }))).toEqual(['sort.direction']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { sort: { column: 'name', direction: 'ascending', nulls: 'first' } }))).toEqual(['sort']);
    expect(Object.keys(issuesByPath(searchPeopleSchema, { orderBy: 'nhs_number' }))).toEqual(['']);
  });

  it('keeps paging within bounds', () => {
    expect(searchPeopleSchema.safeParse({ limit: 0 }).success).toBe(false);
    expect(searchPeopleSchema.safeParse({ limit: 200 }).success).toBe(true);
    expect(searchPeopleSchema.safeParse({ limit: 201 }).success).toBe(false);
    expect(searchPeopleSchema.safeParse({ limit: 1.5 }).success).toBe(false);
    expect(searchPeopleSchema.safeParse({ offset: -1 }).success).toBe(false);
    expect(searchPeopleSchema.safeParse({ query: 'x'.repeat(101) }).success).toBe(false);
    expect(searchPeopleSchema.safeParse({ limit: '10' }).success).toBe(false);
  });
});

describe('postcodeSchema', () => {
  it('stores a postcode in capitals with one space before the last three characters', () => {
    const cases: [string, string][] = [
      ['LS1 4AP', 'LS1 4AP'],
      ['ls14ap', 'LS1 4AP'],
      [' ls1 4ap ', 'LS1 4AP'],
      ['m11ae', 'M1 1AE'],
      ['B33 8TH', 'B33 8TH'],
      ['cr26xh', 'CR2 6XH'],
      ['dn551pt', 'DN55 1PT'],
      ['w1a 0ax', 'W1A 0AX'],
      ['ec1a1bb', 'EC1A 1BB'],
      ['sw1a 2aa', 'SW1A 2AA'],
      ['', ''],
      ['   ', ''],
    ];
    for (const [typed, stored] of cases) expect(postcodeSchema.parse(typed), typed).toBe(stored);
    expect(postcodeSchema.parse(undefined)).toBe('');
  });

  it('refuses what is not a postcode, saying what one looks like', () => {
    for (const typed of ['LS1', '4AP', 'LS1 4A', '12345', 'ABC 123', 'LS1-4AP', 'L S1 4AP', 'LS14 4APP', 'LS1 4AP X', "LS1 4AP'--"]) {
      expect(issuesByPath(postcodeSchema, typed), typed).toEqual({ '': ['Enter a real postcode, for example LS1 4AP'] });
    }
    expect(Object.keys(issuesByPath(postcodeSchema, 'SW1A 2AA SW1A 2AA'))).toEqual(['']);
    expect(issuesByPath(newPersonSchema, { ...validPerson, postcode: 'nowhere' })).toEqual({ postcode: ['Enter a real postcode, for example LS1 4AP'] });
  });
});

describe('phone numbers and email addresses', () => {
  const withPhone = (phone: unknown) => newPersonSchema.safeParse({ ...validPerson, phone });
  const withEmail = (email: unknown) => newPersonSchema.safeParse({ ...validPerson, email });

  it('accept UK and international phone numbers as typed, or none', () => {
    for (const phone of ['0113 496 0000', '01134960000', '07700 900123', '+44 113 496 0000', '+44 (0)113 496 0000', '0113-496-0000', '']) {
      const parsed = withPhone(phone);
      expect(parsed.success && parsed.data.phone, phone).toBe(phone);
    }
    expect(newPersonSchema.parse({ ...validPerson, phone: ' 0113 496 0000 ' }).phone).toBe('0113 496 0000');
  });

  it('refuse letters, too few digits and very long numbers', () => {
    for (const phone of ['call my son', '0113 496 000O', '12345', '0113 ext 2', '++44 113', 'x'.repeat(31)]) {
      expect(withPhone(phone).success, phone).toBe(false);
    }
    expect(issuesByPath(newPersonSchema, { ...validPerson, phone: 'ring me' })).toEqual({
      phone: ['Enter a phone number using digits, for example 0113 496 0000'],
    });
    expect(issuesByPath(newPersonSchema, { ...validPerson, phone: '0'.repeat(31) })).toEqual({ phone: ['Phone number must be 30 characters or fewer'] });
  });

  it('accept an email address in the right format, trimmed, or none', () => {
    for (const email of ['ann.lee@example.com', 'ann+plans@example.co.uk', '']) {
      const parsed = withEmail(email);
      expect(parsed.success && parsed.data.email, email).toBe(email);
    }
    expect(newPersonSchema.parse({ ...validPerson, email: '  ann@example.com ' }).email).toBe('ann@example.com');
  });

  it('refuse an email address that is not one', () => {
    for (const email of ['ann', 'ann@', '@example.com', 'ann lee@example.com', 'ann@example', 'ann@@example.com']) {
      expect(issuesByPath(newPersonSchema, { ...validPerson, email }), email).toEqual({
        email: ['Enter an email address in the right format, like name@example.com'],
      });
    }
    expect(withEmail(`${'a'.repeat(250)}@example.com`).success).toBe(false);
  });

  it('are checked the same way for a contact', () => {
    const contact = { role: 'carer', name: 'Ben Lee' };
    expect(personContactSchema.parse({ personId: personUuid, contact }).contact).toEqual({
      role: 'carer', name: 'Ben Lee', relationship: '', phone: '', email: '', address: '', mayReceivePlan: false,
    });
    expect(issuesByPath(personContactSchema, { personId: personUuid, contact: { ...contact, phone: 'ring me', email: 'ben' } })).toEqual({
      'contact.phone': ['Enter a phone number using digits, for example 0113 496 0000'],
      'contact.email': ['Enter an email address in the right format, like name@example.com'],
    });
  });
});

describe('updatePersonSchema, closing and reopening', () => {
  const update = { ...validPerson, id: personUuid, rowVersion: 3 };

  it('is the add form plus the id and the version it started from', () => {
    expect(updatePersonSchema.parse(update)).toEqual({ ...personDefaults, ...update });
    expect(Object.keys(issuesByPath(updatePersonSchema, validPerson)).sort()).toEqual(['id', 'rowVersion']);
    for (const rowVersion of [0, -1, 1.5, '3']) {
      expect(Object.keys(issuesByPath(updatePersonSchema, { ...update, rowVersion })), String(rowVersion)).toEqual(['rowVersion']);
    }
    expect(issuesByPath(updatePersonSchema, { ...update, id: '9434765919' })).toEqual({ id: ['Person not recognised'] });
    // The caller cannot set what the main process keeps: status, search text, times.
    for (const extra of [{ status: 'closed' }, { searchName: 'x' }, { updatedAt: '2026-01-01' }, { eligibility: ['chc'] }]) {
      expect(updatePersonSchema.safeParse({ ...update, ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
  });

  it('closing needs a reason and a real date', () => {
    const close = { id: personUuid, rowVersion: 2, closedReason: ' Moved away ', closedOn: '2026-03-02' };
    expect(closePersonSchema.parse(close)).toEqual({ ...close, closedReason: 'Moved away' });
    expect(issuesByPath(closePersonSchema, { ...close, closedReason: '  ', closedOn: '2026-02-30' })).toEqual({
      closedReason: ['Enter why their record is being closed'],
      closedOn: ['Enter the date the record was closed, for example 2026-11-24'],
    });
    expect(issuesByPath(closePersonSchema, { ...close, closedReason: 'x'.repeat(501) })).toEqual({ closedReason: ['Reason must be 500 characters or fewer'] });
    expect(reopenPersonSchema.parse({ id: personUuid, rowVersion: 4 })).toEqual({ id: personUuid, rowVersion: 4 });
    expect(reopenPersonSchema.safeParse({ id: personUuid }).success).toBe(false);
  });
});

describe('communicationNeedsSchema', () => {
  const needs = (list: unknown[], notes?: string) => ({ personId: personUuid, needs: list, ...(notes === undefined ? {} : { notes }) });

  it('takes needs of the four kinds, with detail, and notes', () => {
    expect(communicationNeedsSchema.parse(needs([
      { kind: 'contact-method', need: 'text-message' },
      { kind: 'information-format', need: 'easy-read' },
      { kind: 'communication-professional', need: 'language-interpreter', detail: ' Polish ' },
      { kind: 'communication-support', need: 'hearing-loop' },
    ], ' Mornings are best '))).toEqual({
      personId: personUuid,
      needs: [
        { kind: 'contact-method', need: 'text-message', detail: '' },
        { kind: 'information-format', need: 'easy-read', detail: '' },
        { kind: 'communication-professional', need: 'language-interpreter', detail: 'Polish' },
        { kind: 'communication-support', need: 'hearing-loop', detail: '' },
      ],
      notes: 'Mornings are best',
    });
    expect(communicationNeedsSchema.parse(needs([]))).toEqual({ personId: personUuid, needs: [], notes: '' });
  });

  it("needs the person's own words for 'other'", () => {
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'information-format', need: 'other' }]))).toEqual({
      'needs.0.detail': ['Describe the need in their words'],
    });
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'contact-method', need: 'other', detail: '   ' }]))).toEqual({
      'needs.0.detail': ['Describe the need in their words'],
    });
    expect(communicationNeedsSchema.parse(needs([{ kind: 'information-format', need: 'other', detail: 'Moon type' }])).needs).toEqual([
      { kind: 'information-format', need: 'other', detail: 'Moon type' },
    ]);
  });

  it('refuses a need that belongs to another kind, an unknown need or kind', () => {
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'contact-method', need: 'large-print' }]))).toEqual({
      'needs.0.need': ['That need does not belong to this kind'],
    });
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'information-format', need: 'bsl-interpreter' }]))).toEqual({
      'needs.0.need': ['That need does not belong to this kind'],
    });
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'information-format', need: 'telepathy' }]))['needs.0.need']).toContain(
      'Choose a need from the list',
    );
    expect(Object.keys(issuesByPath(communicationNeedsSchema, needs([{ kind: 'smoke-signals', need: 'other', detail: 'x' }])))).toContain('needs.0.kind');
    expect(Object.keys(issuesByPath(communicationNeedsSchema, needs([{ kind: 'information-format', need: 'braille', extra: 1 }])))).toEqual(['needs.0']);
  });

  it('limits detail, notes and the number of needs', () => {
    expect(issuesByPath(communicationNeedsSchema, needs([{ kind: 'information-format', need: 'braille', detail: 'x'.repeat(301) }]))).toEqual({
      'needs.0.detail': ['Detail must be 300 characters or fewer'],
    });
    expect(issuesByPath(communicationNeedsSchema, needs([], 'x'.repeat(2001)))).toEqual({ notes: ['Notes must be 2000 characters or fewer'] });
    const many = Array.from({ length: 21 }, (_, i) => ({ kind: 'information-format', need: 'other', detail: `format ${i}` }));
    expect(issuesByPath(communicationNeedsSchema, needs(many))).toEqual({ needs: ['Record at most 20 needs'] });
  });
});

describe('eligibility, contacts and preferences', () => {
  it('eligibility groups are chosen once each', () => {
    expect(eligibilitySchema.parse({ personId: personUuid, groups: ['chc', 'veterans'] })).toEqual({ personId: personUuid, groups: ['chc', 'veterans'] });
    expect(eligibilitySchema.parse({ personId: personUuid, groups: [] }).groups).toEqual([]);
    expect(issuesByPath(eligibilitySchema, { personId: personUuid, groups: ['chc', 'chc'] })).toEqual({ groups: ['Each group can be chosen once'] });
    expect(Object.keys(issuesByPath(eligibilitySchema, { personId: personUuid, groups: [''] }))).toEqual(['groups.0']);
  });

  it('a new local group needs a name', () => {
    expect(newEligibilityGroupSchema.parse({ label: ' Carers ' })).toEqual({ label: 'Carers' });
    expect(issuesByPath(newEligibilityGroupSchema, { label: ' ' })).toEqual({ label: ['Enter the name of the group'] });
    expect(newEligibilityGroupSchema.safeParse({ label: 'Carers', legalRight: true }).success).toBe(false);
  });

  it('a contact has a known role and a name; an id only when it is changed', () => {
    const contact = { role: 'nominee', name: 'Ben Lee' };
    expect(issuesByPath(personContactSchema, { personId: personUuid, contact: { ...contact, role: 'friend', name: ' ' } })).toEqual({
      'contact.role': ['Choose who they are to the person'],
      'contact.name': ['Enter their name'],
    });
    expect(personContactSchema.parse({ personId: personUuid, contact: { ...contact, id: staffUuid, mayReceivePlan: true } }).contact).toMatchObject({
      id: staffUuid,
      mayReceivePlan: true,
    });
    expect(Object.keys(issuesByPath(personContactSchema, { personId: personUuid, contact: { ...contact, id: 'contact-1' } }))).toEqual(['contact.id']);
    expect(issuesByPath(removeContactSchema, { personId: personUuid, contactId: 'x' })).toEqual({ contactId: ['Contact not recognised'] });
  });

  it('preferences are a known key and a short list', () => {
    expect(preferenceSchema.parse({ key: 'caseload.columns', value: ['name', 'postcode'] })).toEqual({ key: 'caseload.columns', value: ['name', 'postcode'] });
    expect(Object.keys(issuesByPath(preferenceSchema, { key: 'theme', value: [] }))).toEqual(['key']);
    expect(Object.keys(issuesByPath(preferenceSchema, { key: 'caseload.columns', value: Array.from({ length: 31 }, () => 'name') }))).toEqual(['value']);
    expect(Object.keys(issuesByPath(preferenceSchema, { key: 'caseload.columns', value: 'name' }))).toEqual(['value']);
  });
});

describe('newStaffSchema', () => {
  const member = { fullName: ' Nina Nurse ', username: ' Nina.Nurse ', roles: ['nurse'] };

  it('trims the name, lower-cases the username and keeps the roles', () => {
    expect(newStaffSchema.parse(member)).toEqual({ fullName: 'Nina Nurse', username: 'nina.nurse', roles: ['nurse'] });
    expect(newStaffSchema.parse({ ...member, roles: ['administrator', 'link-worker', 'nurse', 'viewer'] }).roles).toHaveLength(4);
  });

  it('says what is wrong, field by field', () => {
    expect(issuesByPath(newStaffSchema, { fullName: ' ', username: 'n n', roles: [] })).toEqual({
      fullName: ['Enter their full name'],
      username: ['Username can only use letters, numbers, dots, hyphens and underscores'],
      roles: ['Choose at least one role'],
    });
    expect(issuesByPath(newStaffSchema, { ...member, roles: ['nurse', 'nurse'] })).toEqual({ roles: ['Each role can be chosen once'] });
    expect(Object.keys(issuesByPath(newStaffSchema, { ...member, roles: ['doctor'] }))).toEqual(['roles.0']);
    expect(issuesByPath(newStaffSchema, { ...member, fullName: 'x'.repeat(201) })).toEqual({ fullName: ['Full name must be 200 characters or fewer'] });
  });

  it('does not let the caller choose the password or the account state', () => {
    for (const extra of [{ password: 'chosen-by-admin-123' }, { active: false }, { mustChangePassword: false }, { id: '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f' }]) {
      expect(newStaffSchema.safeParse({ ...member, ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
  });
});

describe('staffIdSchema and staffRolesSchema', () => {
  const userId = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';

  it('take a staff id that is a UUID', () => {
    expect(staffIdSchema.parse({ userId })).toEqual({ userId });
    expect(issuesByPath(staffIdSchema, { userId: 'jane.admin' })).toEqual({ userId: ['Staff member not recognised'] });
    expect(issuesByPath(staffRolesSchema, { userId: "' OR 1=1 --", roles: ['nurse'] })).toEqual({ userId: ['Staff member not recognised'] });
  });

  it('need at least one role, each once', () => {
    expect(staffRolesSchema.parse({ userId, roles: ['viewer', 'nurse'] })).toEqual({ userId, roles: ['viewer', 'nurse'] });
    expect(issuesByPath(staffRolesSchema, { userId, roles: [] })).toEqual({ roles: ['Choose at least one role'] });
    expect(issuesByPath(staffRolesSchema, { userId, roles: ['viewer', 'viewer'] })).toEqual({ roles: ['Each role can be chosen once'] });
  });
});

describe('changePasswordSchema', () => {
  const change = { currentPassword: 'abcd-efgh-jkmn-pqrs', password: 'copper-meadow-lantern-4', confirmPassword: 'copper-meadow-lantern-4' };

  it('accepts any current password (the answer must not hint at the rules) and a good new one', () => {
    expect(changePasswordSchema.parse({ ...change, currentPassword: 'x' })).toEqual({ ...change, currentPassword: 'x' });
  });

  it('applies the password policy to the new password and checks the confirmation', () => {
    expect(issuesByPath(changePasswordSchema, { ...change, currentPassword: '' })).toEqual({ currentPassword: ['Enter your password'] });
    expect(issuesByPath(changePasswordSchema, { ...change, password: 'short', confirmPassword: 'short' })).toEqual({
      password: ['Password must be at least 12 characters'],
    });
    expect(issuesByPath(changePasswordSchema, { ...change, password: 'Password1234', confirmPassword: 'Password1234' })).toEqual({
      password: ['This password is too common. Try three random words together'],
    });
    expect(issuesByPath(changePasswordSchema, { ...change, confirmPassword: 'copper-meadow-lantern-5' })).toEqual({
      confirmPassword: ['Passwords do not match'],
    });
    expect(changePasswordSchema.safeParse({ ...change, username: 'jane' }).success).toBe(false);
  });
});

describe('settingsSchema', () => {
  it('accepts 1 to 60 whole minutes', () => {
    for (const idleLockMinutes of [1, 10, 60]) expect(settingsSchema.parse({ idleLockMinutes })).toEqual({ idleLockMinutes });
  });

  it('explains each refusal in words', () => {
    expect(issuesByPath(settingsSchema, { idleLockMinutes: 0 })).toEqual({ idleLockMinutes: ['PlanWell must lock after at least 1 minute'] });
    expect(issuesByPath(settingsSchema, { idleLockMinutes: 61 })).toEqual({
      idleLockMinutes: ['PlanWell must lock after 60 minutes or fewer, to keep unattended screens safe'],
    });
    expect(issuesByPath(settingsSchema, { idleLockMinutes: 1.5 })).toEqual({ idleLockMinutes: ['Enter a whole number of minutes'] });
    expect(issuesByPath(settingsSchema, { idleLockMinutes: '10' })).toEqual({ idleLockMinutes: ['Enter a number of minutes'] });
    expect(issuesByPath(settingsSchema, {})).toEqual({ idleLockMinutes: ['Enter a number of minutes'] });
    expect(settingsSchema.safeParse({ idleLockMinutes: 10, practiceName: 'Renamed' }).success).toBe(false);
  });
});

describe('drafts', () => {
  const save = settingsChannels['drafts.save'].input;

  it('are named with a short key of letters, digits and : . _ -', () => {
    expect(draftKeySchema.parse('people.create:new')).toBe('people.create:new');
    for (const key of ['', 'has space', '../etc/passwd', 'x'.repeat(201)]) expect(draftKeySchema.safeParse(key).success, key).toBe(false);
  });

  it('hold any JSON a form holds (a plan’s goals are lists of objects), up to 200 fields and 500,000 characters', () => {
    const values = { text: 'x'.repeat(20_000), count: 3, ticked: true, empty: null, chosen: ['a', 'b'], goals: [{ id: 'g1', outcome: 'Walk', steps: ['one'] }] };
    expect(save.parse({ key: 'form', values })).toEqual({ key: 'form', values });
    expect(save.safeParse({ key: 'form', values: { text: 'x'.repeat(maxDraftCharacters - 20) } }).success).toBe(true);
    for (const bad of [
      { text: 'x'.repeat(maxDraftCharacters) },
      { notJson: undefined },
      { when: new Date() },
      Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, i])),
    ]) {
      expect(save.safeParse({ key: 'form', values: bad }).success).toBe(false);
    }
    expect(issuesByPath(save, { key: 'form', values: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, i])) })).toEqual({
      values: ['The draft has too many fields'],
    });
    expect(issuesByPath(save, { key: 'form', values: { text: 'x'.repeat(maxDraftCharacters) } })).toEqual({ values: ['The draft is too large to keep'] });
  });
});

describe('audit filters', () => {
  it('fill in defaults and keep paging within bounds', () => {
    expect(auditListSchema.parse({})).toEqual({ filter: {}, limit: 100, offset: 0 });
    expect(auditListSchema.safeParse({ limit: 501 }).success).toBe(false);
    expect(auditListSchema.safeParse({ offset: -1 }).success).toBe(false);
  });

  it('take real dates in order, and known actions only', () => {
    expect(auditFilterSchema.parse({ from: '2026-03-01', to: '2026-03-01', action: 'log-in' })).toEqual({ from: '2026-03-01', to: '2026-03-01', action: 'log-in' });
    expect(issuesByPath(auditFilterSchema, { from: '2026-03-02', to: '2026-03-01' })).toEqual({ to: ['The start date must be on or before the end date'] });
    expect(issuesByPath(auditFilterSchema, { from: '2026-02-30' })).toEqual({ from: ['Enter a real date, for example 2026-11-24'] });
    expect(auditFilterSchema.safeParse({ action: 'delete-everything' }).success).toBe(false);
    expect(issuesByPath(auditFilterSchema, { personId: '9434765919' })).toEqual({ personId: ['Person not recognised'] });
  });
});

describe('contract', () => {
  it('knows only its own channel names, not inherited properties', () => {
    expect(isChannelName('people.search')).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'people.delete', '', 42, null]) {
      expect(isChannelName(name)).toBe(false);
    }
  });

  it('requires a signed-in session for everything except set-up (or restoring onto a new computer) and log-in', () => {
    const publicChannels = Object.entries(contract)
      .filter(([, definition]) => definition.permission === 'public')
      .map(([name]) => name)
      .sort();
    expect(publicChannels).toEqual(['app.status', 'auth.logIn', 'auth.logOut', 'auth.recover', 'auth.unlock', 'setup.createPractice', 'setup.inspectBackup', 'setup.restoreBackup']);
    for (const name of Object.keys(contract)) {
      if (name.startsWith('people.')) expect(contract[name as keyof typeof contract].permission).toMatch(/^people:(read|write)$/);
    }
  });

  it('names a permission the roles table knows for every channel, and the one each domain needs', () => {
    const byChannel = Object.fromEntries(Object.entries(contract).map(([name, definition]) => [name, definition.permission]));
    for (const [name, permission] of Object.entries(byChannel)) {
      expect(permission === 'public' || (permissions as readonly string[]).includes(permission), name).toBe(true);
    }
    expect(byChannel).toMatchObject({
      'people.create': 'people:write',
      'people.get': 'people:read',
      'people.search': 'people:read',
      'people.update': 'people:write',
      'people.close': 'people:write',
      'people.reopen': 'people:write',
      'people.setCommunicationNeeds': 'people:write',
      'people.setEligibility': 'people:write',
      'people.saveContact': 'people:write',
      'people.removeContact': 'people:write',
      'people.timeline': 'people:read',
      'eligibility.list': 'people:read',
      // Adding a group changes the practice's settings: administrators only.
      'eligibility.add': 'settings:manage',
      'staff.directory': 'people:read',
      'preferences.get': 'session',
      'preferences.set': 'session',
      'staff.list': 'staff:manage',
      'staff.create': 'staff:manage',
      'staff.resetPassword': 'staff:manage',
      'staff.deactivate': 'staff:manage',
      'staff.setRoles': 'staff:manage',
      'settings.get': 'settings:manage',
      'settings.update': 'settings:manage',
      'audit.list': 'audit:read',
      'audit.verify': 'audit:read',
      'audit.exportCsv': 'audit:read',
      'setup.confirmRecoveryCode': 'staff:manage',
      'setup.replaceRecoveryCode': 'staff:manage',
      // Before a one-time password is replaced, these still work.
      'auth.changePassword': 'session',
      'auth.lock': 'session',
      'session.activity': 'session',
      'drafts.save': 'session',
      'drafts.get': 'session',
      'drafts.discard': 'session',
    });
  });

  it('answers only status, unlock and log-out while locked', () => {
    const whenLocked = Object.entries(contract)
      .filter(([, definition]) => 'allowedWhenLocked' in definition && definition.allowedWhenLocked === true)
      .map(([name]) => name)
      .sort();
    expect(whenLocked).toEqual(['app.status', 'auth.logOut', 'auth.unlock']);
  });
});

describe('recordSpendSchema', () => {
  const spend = (name: string) => ({
    personId: '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f', itemId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', spentOn: '2026-11-01', amountPence: 1500, payee: 'Sample PA',
    receipt: { name, type: 'application/pdf', base64: 'JVBERi0=' },
  });
  it('takes an ordinary file name, and refuses one with control or direction-changing characters', () => {
    expect(recordSpendSchema.safeParse(spend('Receipt 3 (November).pdf')).success).toBe(true);
    for (const name of ['receipt\u202Efdp.exe', 'receipt\u0000.pdf', 'receipt\u200F.pdf']) {
      const result = recordSpendSchema.safeParse(spend(name));
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('The file name has characters a file name cannot have');
    }
  });
});
