import { describe, expect, it } from 'vitest';
import { newPersonSchema } from '../../src-shared/contract/people';
import { communicationNeeds } from '../../src-shared/domain/accessible-information';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { syntheticRecordParts } from '../../src-main/demo/synthetic-records';

const workers = ['0b1f7c9e-4a52-4d7f-9d64-1f0e8d0c2a11', '5f8a6c1d-2b3e-4f90-8a7b-6c5d4e3f2a10'];
const people = syntheticPeople(20_000, 11, { workerIds: workers });
const parts = syntheticRecordParts(people, 11);
const share = (test: (i: number) => boolean) => people.filter((_, i) => test(i)).length / people.length;

describe('synthetic contact details and record parts', () => {
  it('are the same for the same seed, and a bigger demo starts with a smaller one', () => {
    expect(syntheticPeople(300, 11, { workerIds: workers })).toEqual(people.slice(0, 300));
    expect(syntheticRecordParts(people.slice(0, 300), 11)).toEqual(parts.slice(0, 300));
  });

  it('keep names and NHS numbers as they were without workers', () => {
    const plain = syntheticPeople(300, 11);
    expect(plain.map((p) => [p.givenName, p.familyName, p.dateOfBirth, p.nhsNumber])).toEqual(
      people.slice(0, 300).map((p) => [p.givenName, p.familyName, p.dateOfBirth, p.nhsNumber]),
    );
    expect(plain.every((p) => p.assignedWorkerId === null)).toBe(true);
  });

  it('use only drama phone numbers, example.com addresses and well-formed postcodes', () => {
    for (const person of people) {
      if (person.phone) expect(person.phone).toMatch(/^(07700 900\d{3}|0113 496 0\d{3})$/);
      if (person.email) expect(person.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.com$/);
      expect(person.postcode).toMatch(/^(LS|BD|WF|HG|HX)\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/);
    }
    for (const person of people.slice(0, 5_000)) expect(newPersonSchema.parse(person)).toEqual(person);
  });

  it('give some preferred names, assign most people to the workers, and leave some unassigned', () => {
    expect(share((i) => people[i]!.preferredName !== '')).toBeGreaterThan(0.03);
    const assigned = share((i) => people[i]!.assignedWorkerId !== null);
    expect(assigned).toBeGreaterThan(0.7);
    expect(assigned).toBeLessThan(0.8);
    expect(new Set(people.map((p) => p.assignedWorkerId))).toEqual(new Set([null, ...workers]));
  });

  it('record accessible-information needs for about 8%, a mix of eligibility, and a few closed records', () => {
    const withNeeds = share((i) => (parts[i]!.communicationNeeds ?? []).length > 0);
    expect(withNeeds).toBeGreaterThan(0.06);
    expect(withNeeds).toBeLessThan(0.1);
    for (const part of parts) {
      for (const need of part.communicationNeeds ?? []) {
        expect(Object.keys(communicationNeeds[need.kind])).toContain(need.need);
        expect(need.need).not.toBe('other');
      }
    }
    const closed = share((i) => (parts[i]!.closed ?? null) !== null);
    expect(closed).toBeGreaterThan(0.02);
    expect(closed).toBeLessThan(0.04);
    const groups = new Set(parts.flatMap((p) => p.eligibility ?? []));
    expect(groups).toEqual(new Set(['chc', 'section-117', 'wheelchair', 'learning-disability-autism', 'mental-health', 'veterans', 'long-term-conditions', 'other']));
  });
});
