import type { NewPerson } from '../../src-shared/contract/people';
import type { CommunicationNeed } from '../../src-shared/domain/accessible-information';
import { ageOn } from '../../src-shared/format';
import type { PersonRecordParts } from '../services/people-import';
import { between, cumulative, pick, pickWeighted, streamFor } from './random';
import { syntheticReferenceDate } from './synthetic-people';

/**
 * The parts of a synthetic person's record beyond their details: personal health budget
 * eligibility, accessible-information needs (about 8%, more among the oldest) and a few closed
 * records. Deterministic for a seed; person i's parts depend only on people 0…i, so a bigger demo
 * is a superset of a smaller one.
 */

const recordsStream = 0x5245_4331; // "REC1"

/** Each group's chance by age: [under 60, 60–79, 80 and over]. Codes are migration 0003's. */
const eligibilityRates: readonly { code: string; rates: readonly [number, number, number] }[] = [
  { code: 'chc', rates: [0.01, 0.03, 0.09] },
  { code: 'section-117', rates: [0.04, 0.015, 0.005] },
  { code: 'wheelchair', rates: [0.015, 0.02, 0.03] },
  { code: 'learning-disability-autism', rates: [0.06, 0.02, 0.005] },
  { code: 'mental-health', rates: [0.14, 0.07, 0.04] },
  { code: 'veterans', rates: [0.01, 0.04, 0.06] },
  { code: 'long-term-conditions', rates: [0.15, 0.35, 0.45] },
  { code: 'other', rates: [0.01, 0.01, 0.01] },
];

/** Needs and how often each is met, as [kind, need, weight]; 'other' is left to real people. */
const needChoices: readonly [CommunicationNeed['kind'], string, number][] = [
  ['information-format', 'large-print', 24],
  ['communication-professional', 'language-interpreter', 16],
  ['communication-support', 'hearing-loop', 10],
  ['information-format', 'easy-read', 9],
  ['contact-method', 'via-carer', 8],
  ['contact-method', 'text-message', 7],
  ['communication-support', 'extra-time', 6],
  ['communication-professional', 'bsl-interpreter', 5],
  ['communication-support', 'lip-reading', 4],
  ['contact-method', 'telephone-relay', 3],
  ['communication-support', 'plain-english', 3],
  ['contact-method', 'no-telephone', 2],
  ['information-format', 'audio', 2],
  ['information-format', 'screen-reader', 2],
  ['communication-support', 'advocate', 2],
  ['information-format', 'braille', 1],
  ['communication-professional', 'deafblind-interpreter', 0.5],
];
const needShares = cumulative(needChoices.map(([, , weight]) => weight));
const languages = ['Polish', 'Urdu', 'Punjabi', 'Bengali (Sylheti)', 'Romanian', 'Arabic', 'Somali', 'Cantonese', 'Portuguese', 'Lithuanian', 'Kurdish (Sorani)', 'Tigrinya'];

const closedReasons = [
  'Moved away from the area',
  'Registered with another practice',
  'Goals in their plan were met',
  'No longer wants support from the team',
  'Died',
];

export function syntheticRecordParts(people: readonly NewPerson[], seed: number): PersonRecordParts[] {
  const random = streamFor(seed, recordsStream);
  return people.map((person) => {
    const age = ageOn(person.dateOfBirth, syntheticReferenceDate);
    const band = age < 60 ? 0 : age < 80 ? 1 : 2;

    const eligibility = eligibilityRates.filter(({ rates }) => random() < rates[band]).map(({ code }) => code);

    const communicationNeeds: CommunicationNeed[] = [];
    if (random() < [0.06, 0.07, 0.14][band]!) {
      const wanted = random() < 0.75 ? 1 : 2;
      while (communicationNeeds.length < wanted) {
        const [kind, need] = needChoices[pickWeighted(random, needShares)]!;
        if (communicationNeeds.some((n) => n.kind === kind && n.need === need)) continue;
        communicationNeeds.push({ kind, need, detail: need === 'language-interpreter' ? pick(random, languages) : '' });
      }
    }

    let closed: PersonRecordParts['closed'] = null;
    if (random() < 0.03) {
      const day = between(random, 0, 729);
      closed = {
        reason: pick(random, closedReasons),
        on: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      };
    }
    return { eligibility, communicationNeeds, closed };
  });
}
