import { z } from 'zod';
import { isoDateInLondon } from '../format';
import { nhsNumberProblem, normaliseNhsNumber } from '../domain/nhs-number';
import { channel } from './channel';

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string;
  createdAt: string;
  updatedAt: string;
}

export type PersonSummary = Pick<Person, 'id' | 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber'>;

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

export const newPersonSchema = z.strictObject({
  givenName: nameSchema('given name'),
  familyName: nameSchema('family name'),
  dateOfBirth: dateOfBirthSchema,
  nhsNumber: nhsNumberSchema,
});
export type NewPersonInput = z.input<typeof newPersonSchema>;
export type NewPerson = z.output<typeof newPersonSchema>;

export const personIdSchema = z.strictObject({ id: z.uuid('Person not recognised') });

export const searchPeopleSchema = z.strictObject({
  query: z.string().max(100, 'Search must be 100 characters or fewer').default(''),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type SearchPeopleInput = z.input<typeof searchPeopleSchema>;

export const peopleChannels = {
  'people.create': channel<Person>()({ input: newPersonSchema, permission: 'people:write' }),
  'people.get': channel<Person>()({ input: personIdSchema, permission: 'people:read' }),
  'people.search': channel<{ people: PersonSummary[]; total: number }>()({
    input: searchPeopleSchema,
    permission: 'people:read',
  }),
};
