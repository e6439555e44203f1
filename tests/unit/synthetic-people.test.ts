import { describe, expect, it } from 'vitest';
import { newPersonSchema } from '../../src-shared/contract/people';
import { isTestRangeNhsNumber, isValidNhsNumber } from '../../src-shared/domain/nhs-number';
import { ageOn } from '../../src-shared/format';
import { syntheticNhsNumbers, syntheticPeople, syntheticReferenceDate } from '../../src-main/demo/synthetic-people';

const people = syntheticPeople(20_000, 42);

describe('syntheticPeople', () => {
  it('gives the same people for the same seed', () => {
    expect(syntheticPeople(500, 42)).toEqual(people.slice(0, 500));
    expect(syntheticPeople(500, 7)).toEqual(syntheticPeople(500, 7));
  });

  it('gives different people for different seeds', () => {
    const a = syntheticPeople(200, 1);
    const b = syntheticPeople(200, 2);
    expect(a).not.toEqual(b);
    const sameNumber = a.filter((person, i) => person.nhsNumber === b[i]!.nhsNumber).length;
    expect(sameNumber).toBeLessThan(5);
  });

  it('gives every person a valid, unique NHS number from the 999 test range', () => {
    const numbers = people.map((person) => person.nhsNumber);
    for (const number of numbers) {
      expect(number).toMatch(/^999\d{7}$/);
      expect(isTestRangeNhsNumber(number)).toBe(true);
      expect(isValidNhsNumber(number)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('uses the same NHS numbers as syntheticNhsNumbers for the seed', () => {
    expect(syntheticNhsNumbers(1_000, 42)).toEqual(people.slice(0, 1_000).map((person) => person.nhsNumber));
  });

  it('gives real dates of birth for ages 18 to 100, leaning older', () => {
    const ages = people.map((person) => {
      const date = new Date(`${person.dateOfBirth}T00:00:00Z`);
      expect(person.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(date.toISOString().slice(0, 10)).toBe(person.dateOfBirth);
      return ageOn(person.dateOfBirth, syntheticReferenceDate);
    });
    expect(Math.min(...ages)).toBe(18);
    expect(Math.max(...ages)).toBe(100);
    const sixtyOrMore = ages.filter((age) => age >= 60).length / ages.length;
    expect(sixtyOrMore).toBeGreaterThan(0.5);
  });

  it('keeps ages in range around 29 February', () => {
    for (const person of syntheticPeople(2_000, 3, { referenceDate: '2024-02-29' })) {
      const age = ageOn(person.dateOfBirth, '2024-02-29');
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(100);
    }
  });

  it('gives non-empty, trimmed names, including accents, apostrophes and hyphens', () => {
    for (const person of people) {
      expect(person.givenName.trim()).toBe(person.givenName);
      expect(person.familyName.trim()).toBe(person.familyName);
      expect(person.givenName.length).toBeGreaterThan(0);
      expect(person.familyName.length).toBeGreaterThan(0);
    }
    const names = people.map((person) => `${person.givenName} ${person.familyName}`).join('\n');
    expect(names).toMatch(/[À-ɏḀ-ỿ]/u);
    expect(names).toMatch(/'/);
    expect(names).toMatch(/\p{L}-\p{L}/u);
    expect(new Set(people.map((person) => person.familyName)).size).toBeGreaterThan(200);
    expect(new Set(people.map((person) => person.givenName)).size).toBeGreaterThan(200);
  });

  it('passes the same validation as a person typed into PlanWell', () => {
    for (const person of people.slice(0, 5_000)) {
      expect(newPersonSchema.parse(person)).toEqual(person);
    }
  });

  it('makes 200,000 people without repeating an NHS number', () => {
    // About 0.6 s on a 2-core build machine; not timed here, as timings belong in tests/bench.
    const many = syntheticPeople(200_000, 9);
    expect(many).toHaveLength(200_000);
    expect(new Set(many.map((person) => person.nhsNumber)).size).toBe(200_000);
  });

  it('refuses counts it cannot meet and seeds that are not whole numbers', () => {
    expect(syntheticPeople(0, 1)).toEqual([]);
    expect(() => syntheticPeople(-1, 1)).toThrow(RangeError);
    expect(() => syntheticPeople(1.5, 1)).toThrow(RangeError);
    expect(() => syntheticPeople(10, 0.5)).toThrow(RangeError);
    expect(() => syntheticNhsNumbers(1_000_001, 1)).toThrow(RangeError);
  });
});
