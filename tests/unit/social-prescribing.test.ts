import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseChanges } from '../../src-main/services/social-prescribing-report';
import { referralStatuses, type DischargeSummary, type OutcomeRecord, type Referral, type ReferralStatus } from '../../src-shared/contract';
import { dischargeSummaryText, measureChanges, measureLines } from '../../src-shared/domain/discharge-summary';
import { allowedNextStatuses, canMoveReferral, referralIsOpen } from '../../src-shared/domain/referral-status';
import { isSnomedConceptId, passesVerhoeff } from '../../src-shared/domain/snomed';

/**
 * Social prescribing's pure rules (issue 9): SNOMED CT identifiers and their Verhoeff check digit,
 * the referral's status transitions, the report's summary of changes, and the GP summary's words.
 */

// ----- Verhoeff, typed out from the published tables, independently of the code under test -----

const d = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const p = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const inverse = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function referenceCheckDigit(body: string): string {
  let c = 0;
  [...body].reverse().forEach((digit, i) => {
    c = d[c]![p[(i + 1) % 8]![Number(digit)]!]!;
  });
  return String(inverse[c]);
}

/** A well-formed SNOMED CT concept id: no leading zero, partition 00 or 10, Verhoeff check digit; 6 to 18 digits. */
const conceptIds = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{2,14}$/), fc.constantFrom('00', '10'))
  .map(([first, middle, partition]) => {
    const body = `${first}${middle}${partition}`;
    return `${body}${referenceCheckDigit(body)}`;
  });

describe('SNOMED CT concept ids', () => {
  it('accepts the published ids: the two social prescribing codes NHS England names and international concepts', () => {
    for (const id of ['871731000000106', '871711000000103', '138875005', '22298006', '404684003', '900000000000207008']) {
      expect(isSnomedConceptId(id), id).toBe(true);
      expect(passesVerhoeff(id), id).toBe(true);
      expect(referenceCheckDigit(id.slice(0, -1)), id).toBe(id.slice(-1));
    }
  });

  it('refuses a changed last digit, a leading zero, too few or too many digits, other characters and a partition other than 00 or 10', () => {
    expect(isSnomedConceptId('871731000000107')).toBe(false);
    expect(passesVerhoeff('871731000000107')).toBe(false);
    expect(isSnomedConceptId('138875006')).toBe(false);
    expect(isSnomedConceptId('0138875005')).toBe(false);
    expect(isSnomedConceptId('12345')).toBe(false);
    expect(isSnomedConceptId('1234500000000000000')).toBe(false);
    expect(isSnomedConceptId('')).toBe(false);
    expect(isSnomedConceptId('138 875 005')).toBe(false);
    expect(isSnomedConceptId('13887500x')).toBe(false);
    // Digits that pass Verhoeff but are not concept ids: a leading zero, partition 01 (a description
    // id), 02 (a relationship id) and 11 (an extension's description id).
    for (const body of ['013887500', '13887501', '13887502', '87173100000011']) {
      const id = `${body}${referenceCheckDigit(body)}`;
      expect(passesVerhoeff(id), id).toBe(true);
      expect(isSnomedConceptId(id), id).toBe(false);
    }
  });

  it('exactly one check digit completes any digits, and it is the published algorithm’s', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,17}$/), (body) => {
        const passing = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((check) => passesVerhoeff(`${body}${check}`));
        expect(passing).toEqual([referenceCheckDigit(body)]);
      }),
    );
  });

  it('catches every single-digit error in a valid id', () => {
    fc.assert(
      fc.property(conceptIds, fc.nat(), fc.integer({ min: 1, max: 9 }), (id, at, shift) => {
        expect(isSnomedConceptId(id)).toBe(true);
        const position = at % id.length;
        const changed = `${id.slice(0, position)}${(Number(id[position]) + shift) % 10}${id.slice(position + 1)}`;
        expect(passesVerhoeff(changed)).toBe(false);
        expect(isSnomedConceptId(changed)).toBe(false);
      }),
    );
  });

  it('catches every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(conceptIds, fc.nat(), (id, at) => {
        const position = at % (id.length - 1);
        fc.pre(id[position] !== id[position + 1]);
        const swapped = `${id.slice(0, position)}${id[position + 1]}${id[position]}${id.slice(position + 2)}`;
        expect(passesVerhoeff(swapped)).toBe(false);
        expect(isSnomedConceptId(swapped)).toBe(false);
      }),
    );
  });
});

describe('referral status transitions', () => {
  it('follow new → contacted → accepted / declined / did not engage → discharged', () => {
    expect(allowedNextStatuses('new')).toEqual(['contacted', 'declined', 'did-not-engage']);
    expect(allowedNextStatuses('contacted')).toEqual(['accepted', 'declined', 'did-not-engage']);
    expect(allowedNextStatuses('accepted')).toEqual(['did-not-engage', 'discharged']);
    expect(allowedNextStatuses('declined')).toEqual(['discharged']);
    expect(allowedNextStatuses('did-not-engage')).toEqual(['discharged']);
    expect(allowedNextStatuses('discharged')).toEqual([]);
  });

  it('canMoveReferral agrees with the table for every pair; nothing moves back to new or stays where it is', () => {
    for (const from of referralStatuses) {
      for (const to of referralStatuses) {
        expect(canMoveReferral(from, to), `${from} → ${to}`).toBe(allowedNextStatuses(from).includes(to));
      }
      expect(canMoveReferral(from, 'new')).toBe(false);
      expect(canMoveReferral(from, from)).toBe(false);
    }
    // Accepting needs a conversation first; discharge needs an ending first.
    expect(canMoveReferral('new', 'accepted')).toBe(false);
    expect(canMoveReferral('new', 'discharged')).toBe(false);
    expect(canMoveReferral('contacted', 'discharged')).toBe(false);
  });

  it('discharged has no exits, and every other status can eventually reach it', () => {
    expect(allowedNextStatuses('discharged')).toHaveLength(0);
    for (const start of referralStatuses.filter((s) => s !== 'discharged')) {
      const reached = new Set<ReferralStatus>([start]);
      const queue: ReferralStatus[] = [start];
      while (queue.length > 0) {
        for (const next of allowedNextStatuses(queue.shift()!)) {
          if (!reached.has(next)) {
            reached.add(next);
            queue.push(next);
          }
        }
      }
      expect(reached.has('discharged'), start).toBe(true);
    }
  });

  it('a referral takes contacts and connections until it is declined or discharged', () => {
    expect(referralStatuses.filter(referralIsOpen)).toEqual(['new', 'contacted', 'accepted', 'did-not-engage']);
  });
});

describe('summariseChanges', () => {
  it('sorts the changes, rounds the mean to the nearest hundredth and counts better, same and worse', () => {
    // (393 + 0 − 349) / 3 = 14.67 → 15.
    expect(summariseChanges([393, -349, 0])).toEqual({ people: 3, meanChangeHundredths: 15, better: 1, same: 1, worse: 1, changes: [-349, 0, 393] });
    expect(summariseChanges([100, 300])).toEqual({ people: 2, meanChangeHundredths: 200, better: 2, same: 0, worse: 0, changes: [100, 300] });
  });

  it('for ONS4 anxiety, lower is better', () => {
    // (−400 + 300) / 2 = −50.
    expect(summariseChanges([300, -400], false)).toEqual({ people: 2, meanChangeHundredths: -50, better: 1, same: 0, worse: 1, changes: [-400, 300] });
    expect(summariseChanges([0, -100, -200], false)).toMatchObject({ better: 2, same: 1, worse: 0 });
  });

  it('has no mean when nobody has both scores', () => {
    expect(summariseChanges([])).toEqual({ people: 0, meanChangeHundredths: null, better: 0, same: 0, worse: 0, changes: [] });
  });

  it('does not change the list it is given', () => {
    const changes = [5, -5, 0];
    summariseChanges(changes);
    expect(changes).toEqual([5, -5, 0]);
  });

  it('for any changes: better + same + worse is everyone, the changes are sorted, and the mean lies between the smallest and largest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2800, max: 2800 }), { maxLength: 50 }), fc.boolean(), (changes, higherIsBetter) => {
        const summary = summariseChanges(changes, higherIsBetter);
        expect(summary.people).toBe(changes.length);
        expect(summary.better + summary.same + summary.worse).toBe(changes.length);
        expect(summary.changes).toEqual([...changes].sort((a, b) => a - b));
        if (changes.length > 0) {
          expect(summary.meanChangeHundredths).toBeGreaterThanOrEqual(Math.min(...changes));
          expect(summary.meanChangeHundredths).toBeLessThanOrEqual(Math.max(...changes));
        }
      }),
    );
  });
});

// ----- The summary for the GP -----

const referralId = '0f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d0e';

function score(overrides: Partial<OutcomeRecord> & Pick<OutcomeRecord, 'measure' | 'takenOn' | 'context'>): OutcomeRecord {
  return { id: `${overrides.takenOn}-${overrides.measure}-${overrides.context}`, referralId, ons4: null, swemwbs: null, recordedByName: 'Lena Link', ...overrides };
}

const swemwbs = (takenOn: string, context: OutcomeRecord['context'], raw: number, metricHundredths: number) =>
  score({ measure: 'swemwbs', takenOn, context, swemwbs: { answers: [], raw, metricHundredths } });
const ons4 = (takenOn: string, context: OutcomeRecord['context'], answers: NonNullable<OutcomeRecord['ons4']>) => score({ measure: 'ons4', takenOn, context, ons4: answers });

describe('measureChanges', () => {
  it('takes the first baseline and the last follow-up of the referral, and nothing of another referral or context', () => {
    const outcomes = [
      swemwbs('2026-08-06', 'baseline', 14, 1532),
      swemwbs('2026-08-20', 'baseline', 16, 1636),
      swemwbs('2026-09-01', 'review', 20, 1859),
      swemwbs('2026-09-10', 'follow-up', 18, 1743),
      swemwbs('2026-09-30', 'follow-up', 21, 1925),
      { ...swemwbs('2026-10-02', 'follow-up', 35, 3500), referralId: '11111111-2222-4333-8444-555555555555' },
    ];
    const [swemwbsChange, ons4Change] = measureChanges(outcomes, referralId);
    expect(swemwbsChange?.baseline?.takenOn).toBe('2026-08-06');
    expect(swemwbsChange?.followUp?.takenOn).toBe('2026-09-30');
    expect(ons4Change).toEqual({ measure: 'ons4', baseline: null, followUp: null });
  });
});

describe('measureLines', () => {
  it('says each score, its date and the change in words', () => {
    expect(measureLines({ measure: 'swemwbs', baseline: swemwbs('2026-08-06', 'baseline', 14, 1532), followUp: swemwbs('2026-09-30', 'follow-up', 21, 1925) })).toEqual([
      'SWEMWBS metric score 15.32 at baseline (6 August 2026), 19.25 at follow-up (30 September 2026): up 3.93',
    ]);
    expect(measureLines({ measure: 'swemwbs', baseline: swemwbs('2026-06-30', 'baseline', 28, 2503), followUp: swemwbs('2026-09-05', 'follow-up', 24, 2154) })).toEqual([
      'SWEMWBS metric score 25.03 at baseline (30 June 2026), 21.54 at follow-up (5 September 2026): down 3.49',
    ]);
    expect(measureLines({ measure: 'swemwbs', baseline: swemwbs('2026-08-06', 'baseline', 21, 1925), followUp: swemwbs('2026-09-30', 'follow-up', 21, 1925) })).toEqual([
      'SWEMWBS metric score 19.25 at baseline (6 August 2026), 19.25 at follow-up (30 September 2026): no change',
    ]);
  });

  it('says what is missing: no follow-up yet, or no baseline', () => {
    expect(measureLines({ measure: 'swemwbs', baseline: swemwbs('2026-08-06', 'baseline', 14, 1532), followUp: null })).toEqual([
      'SWEMWBS metric score 15.32 at baseline (6 August 2026), no follow-up yet',
    ]);
    expect(measureLines({ measure: 'swemwbs', baseline: null, followUp: swemwbs('2026-09-30', 'follow-up', 21, 1925) })).toEqual([
      'SWEMWBS metric score no baseline, 19.25 at follow-up (30 September 2026)',
    ]);
    expect(measureLines({ measure: 'ons4', baseline: ons4('2026-08-06', 'baseline', { lifeSatisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 }), followUp: null })).toEqual([
      'ONS4 life satisfaction: 3 at baseline, – at follow-up',
      'ONS4 feeling things are worthwhile: 4 at baseline, – at follow-up',
      'ONS4 happiness: 2 at baseline, – at follow-up',
      'ONS4 anxiety: 8 at baseline, – at follow-up',
    ]);
  });

  it('ONS4: one line per question, anxiety better when lower', () => {
    const lines = measureLines({
      measure: 'ons4',
      baseline: ons4('2026-08-06', 'baseline', { lifeSatisfaction: 3, worthwhile: 6, happiness: 7, anxiety: 8 }),
      followUp: ons4('2026-09-30', 'follow-up', { lifeSatisfaction: 6, worthwhile: 6, happiness: 5, anxiety: 4 }),
    });
    expect(lines).toEqual([
      'ONS4 life satisfaction: 3 at baseline, 6 at follow-up (better)',
      'ONS4 feeling things are worthwhile: 6 at baseline, 6 at follow-up (no change)',
      'ONS4 happiness: 7 at baseline, 5 at follow-up (worse)',
      'ONS4 anxiety: 8 at baseline, 4 at follow-up (better)',
    ]);
  });

  it('says nothing for a measure never scored', () => {
    expect(measureLines({ measure: 'swemwbs', baseline: null, followUp: null })).toEqual([]);
    expect(measureLines({ measure: 'ons4', baseline: null, followUp: null })).toEqual([]);
  });
});

describe('dischargeSummaryText', () => {
  const referral: Referral = {
    id: referralId,
    personId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    referredOn: '2026-08-03',
    source: 'gp',
    referrerName: 'Dr Patel',
    reasons: [{ key: 'loneliness', label: 'Loneliness or isolation' }, { key: 'other', label: 'Other' }],
    otherReason: 'Recently moved to the area',
    urgency: 'soon',
    consent: 'yes',
    notes: 'Private notes for the link worker',
    status: 'discharged',
    statusChangedOn: '2026-10-01',
    history: [],
    nextStatuses: [],
    contactCount: 3,
    createdByName: 'Lena Link',
    rowVersion: 4,
  };
  const summary: Omit<DischargeSummary, 'text'> = {
    referral,
    person: { name: 'Mary Seacole', nhsNumber: '9990001234', dateOfBirth: '1945-03-10' },
    practiceName: 'Riverside Surgery',
    linkWorkerName: 'Lena Link',
    whatMatters: 'Getting back to singing with other people.',
    contacts: { count: 3, totalMinutes: 180, first: '2026-08-05', last: '2026-09-02' },
    connections: [
      {
        id: 'c1', referralId, personId: referral.personId, entryId: 'e1', entryName: 'Northside Community Choir', categoryLabel: 'Arts, music and creativity',
        kind: 'referred', connectedOn: '2026-08-06', note: '', outcome: 'attended', outcomeOn: '2026-08-20', recordedByName: 'Lena Link', rowVersion: 2,
      },
      {
        id: 'c2', referralId, personId: referral.personId, entryId: 'e2', entryName: 'Walking for Health', categoryLabel: 'Physical activity and sport',
        kind: 'signposted', connectedOn: '2026-08-19', note: '', outcome: 'did-not-attend', outcomeOn: '2026-09-02', recordedByName: 'Lena Link', rowVersion: 2,
      },
    ],
    measures: [
      { measure: 'swemwbs', baseline: swemwbs('2026-08-06', 'baseline', 14, 1532), followUp: swemwbs('2026-09-30', 'follow-up', 21, 1925) },
      { measure: 'ons4', baseline: null, followUp: null },
    ],
    codes: [
      { conceptId: '871731000000106', term: 'Referral to social prescribing service', on: '2026-08-03' },
      { conceptId: '871711000000103', term: 'Social prescribing declined', on: '2026-09-01' },
    ],
  };

  it('puts the whole summary in words to paste into the GP record, and never the link worker’s notes', () => {
    const text = dischargeSummaryText(summary);
    expect(text).toBe(
      [
        'Social prescribing: summary for the GP',
        'Mary Seacole, NHS number 999 000 1234, born 10 March 1945',
        'Referred on 3 August 2026 by GP (Dr Patel); soon (within 2 weeks).',
        'Reasons for referral: Loneliness or isolation; Other: Recently moved to the area.',
        'Status: Discharged on 1 October 2026.',
        '',
        'What matters to them:',
        'Getting back to singing with other people.',
        '',
        'Contacts: 3 (180 minutes in all), from 5 August 2026 to 2 September 2026.',
        '',
        'Support offered and taken up:',
        '- Northside Community Choir (Arts, music and creativity): referred 6 August 2026; attended.',
        '- Walking for Health (Physical activity and sport): signposted 19 August 2026; did not attend.',
        '',
        'Wellbeing before and after:',
        '- SWEMWBS metric score 15.32 at baseline (6 August 2026), 19.25 at follow-up (30 September 2026): up 3.93',
        '',
        'SNOMED CT codes:',
        '- 871731000000106 Referral to social prescribing service (3 August 2026)',
        '- 871711000000103 Social prescribing declined (1 September 2026)',
        '',
        'Link worker: Lena Link, Riverside Surgery.',
      ].join('\n'),
    );
    expect(text).not.toContain('Private notes');
  });

  it('says plainly when there is nothing to say', () => {
    const text = dischargeSummaryText({
      ...summary,
      referral: { ...referral, referrerName: '', reasons: [{ key: 'low-mood', label: 'Low mood' }], otherReason: '', urgency: 'routine' },
      linkWorkerName: null,
      whatMatters: '',
      contacts: { count: 0, totalMinutes: 0, first: null, last: null },
      connections: [],
      measures: [{ measure: 'swemwbs', baseline: null, followUp: null }, { measure: 'ons4', baseline: null, followUp: null }],
      codes: [],
    });
    for (const line of [
      'Referred on 3 August 2026 by GP; routine.',
      'Reasons for referral: Low mood.',
      'What matters to them:\nNot recorded.',
      'Contacts: none.',
      'Support offered and taken up:\nNone recorded.',
      'Wellbeing before and after:\nNo scores recorded.',
      'SNOMED CT codes:\nNone.',
      'Link worker: not assigned, Riverside Surgery.',
    ]) {
      expect(text).toContain(line);
    }
  });
});
