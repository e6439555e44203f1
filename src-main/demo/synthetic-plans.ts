import type { BudgetInput } from '../../src-shared/contract/budgets';
import type { PlanContentInput } from '../../src-shared/contract/plans';
import { between, pick, streamFor } from './random';

/**
 * Care and support plans for the demo: what people commonly bring to a link worker (loneliness,
 * getting out, money worries, caring, long-term conditions), in their own words. Deterministic
 * for a seed. Ids are made by the caller's `newId` so the same content can seed several versions.
 */

const plansStream = 0x504c_4131; // "PLA1"

interface Theme {
  aboutMe: string;
  whatMatters: string;
  strengths: string;
  health: string;
  goals: { outcome: string; howWeWillKnow: string; steps: string }[];
  actions: { action: string; who: string; when: string }[];
  risks: { risk: string; management: string }[];
  contingency: string;
}

const themes: readonly Theme[] = [
  {
    aboutMe: 'I used to work on the buses. Since my wife died I mostly stay in.',
    whatMatters: '“I want a reason to get dressed in the morning.” Seeing people, and my allotment.',
    strengths: 'Good with my hands. My neighbour checks on me. My daughter phones on Sundays.',
    health: 'Heart failure, on tablets. Gets out of breath on hills. Low mood some days.',
    goals: [
      { outcome: 'Get back to my allotment twice a week', howWeWillKnow: 'I have been four weeks running', steps: 'Ask about a raised bed; neighbour to drive the first time' },
      { outcome: 'Meet new people', howWeWillKnow: 'I know someone by name at a group', steps: 'Try the men’s shed on Thursday mornings' },
    ],
    actions: [
      { action: 'Introduce him to the men’s shed organiser', who: 'Link worker', when: 'Next week' },
      { action: 'Check medication review is booked', who: 'Practice nurse', when: 'This month' },
    ],
    risks: [{ risk: 'Breathless on the walk to the allotment', management: 'Take the bus one way; rest at the bench by the gate' }],
    contingency: 'If he does not answer the phone for two days, his neighbour has a key. Crisis: NHS 111 or 999.',
  },
  {
    aboutMe: 'I care for my son, who has autism. I work part time at the school kitchen.',
    whatMatters: '“Some time for me, without worrying about him.” Keeping my job.',
    strengths: 'Organised, good friends from church, my sister helps at weekends.',
    health: 'Back pain from lifting. Not sleeping well.',
    goals: [
      { outcome: 'Have one afternoon a week for myself', howWeWillKnow: 'I have done something for me each week for a month', steps: 'Carer’s assessment; ask about short breaks' },
      { outcome: 'Sleep better', howWeWillKnow: 'Fewer bad nights in my sleep diary', steps: 'Sleep course at the library' },
    ],
    actions: [
      { action: 'Refer for a carer’s assessment', who: 'Link worker', when: 'Today' },
      { action: 'Book a physiotherapy self-referral', who: 'Her, with help from the link worker', when: 'This week' },
    ],
    risks: [{ risk: 'Cancels her own plans when her son is unsettled', management: 'Sister as back-up carer on Wednesdays' }],
    contingency: 'If she is unwell, her sister will look after her son. Emergency carer card registered.',
  },
  {
    aboutMe: 'Moved here last year. Live in a flat on my own. English is my second language.',
    whatMatters: '“I want to feel at home here.” Work, and learning English.',
    strengths: 'I speak three languages. I am a good cook.',
    health: 'Diabetes (type 2). Sometimes forgets to eat regular meals.',
    goals: [
      { outcome: 'Improve my English so I can find work', howWeWillKnow: 'I finish the college course', steps: 'Enrol in ESOL class; library conversation club' },
      { outcome: 'Keep my sugar steady', howWeWillKnow: 'HbA1c better at next check', steps: 'Community cooking course' },
    ],
    actions: [
      { action: 'Help enrol on the ESOL course', who: 'Link worker', when: 'Before term starts' },
      { action: 'Diabetes education session', who: 'Practice nurse', when: 'Next month' },
    ],
    risks: [{ risk: 'Money is tight; may skip meals', management: 'Referral to the food bank and benefits advice' }],
    contingency: 'Interpreter needed for any urgent appointments. Crisis: NHS 111.',
  },
  {
    aboutMe: 'Retired nurse. Live with my husband, who has dementia.',
    whatMatters: '“Keeping him at home with me as long as we can.”',
    strengths: 'I know the system. Our son lives nearby.',
    health: 'Arthritis in both knees. Tired all the time.',
    goals: [
      { outcome: 'Get help at home in the mornings', howWeWillKnow: 'Help is in place three mornings a week', steps: 'Personal health budget for his care; agency or personal assistant' },
    ],
    actions: [
      { action: 'Start a personal health budget support plan', who: 'Link worker and continuing healthcare team', when: 'This month' },
      { action: 'Dementia carers’ group details', who: 'Link worker', when: 'Today' },
    ],
    risks: [{ risk: 'Falls when helping him at night', management: 'Occupational therapy home visit; bed rail' }],
    contingency: 'If she cannot care for him, their son will stay. Respite bed contact on the plan.',
  },
];

/** Plan content for the demo: a theme, adjusted per person; review dates after `today`. */
export function syntheticPlanContent(index: number, seed: number, today: string, newId: () => string): PlanContentInput {
  const random = streamFor(seed + index, plansStream);
  const theme = pick(random, themes);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const later = (days: number) => new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
  return {
    aboutMe: theme.aboutMe,
    whatMatters: theme.whatMatters,
    strengths: theme.strengths,
    healthAndWellbeing: theme.health,
    goals: theme.goals.map((goal) => ({ id: newId(), ...goal, byWhen: later(between(random, 60, 180)) })),
    actions: theme.actions.map((action) => ({ id: newId(), ...action })),
    risks: theme.risks.map((risk) => ({ id: newId(), ...risk })),
    contingency: theme.contingency,
    peopleInvolved: 'The person, their link worker and practice nurse.',
    consent: 'Agreed that the plan can be shared with the GP practice team.',
    // Within the review rules' three months of first agreement.
    reviewDate: later(between(random, 14, 88)),
  };
}

/**
 * A personal health budget for a demo plan: a personal assistant, a therapy and a piece of
 * equipment, from continuing healthcare, held as a direct payment or notionally. The budget year
 * began two months before `today`, so there is spending to show.
 */
export function syntheticBudget(index: number, seed: number, goalIds: readonly string[], today: string, newId: () => string): BudgetInput {
  const random = streamFor(seed + index, plansStream + 1);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const periodStart = new Date(Date.UTC(year, month - 3, day)).toISOString().slice(0, 10);
  const part = newId();
  const hours = between(random, 4, 15) * 100;
  const items: NonNullable<BudgetInput['items']> = [
    { id: newId(), category: 'personal-assistant', description: 'Personal assistant for getting out and about', provider: 'Self-employed personal assistant', goalIds: goalIds.slice(0, 1), partId: part, cost: { kind: 'recurring', unitCostPence: 1550, quantityHundredths: hours, unit: 'hour', per: 'week' } },
    { id: newId(), category: 'therapy', description: 'Hydrotherapy sessions', provider: 'Riverside Leisure Centre', goalIds: goalIds.slice(0, 1), partId: part, cost: { kind: 'recurring', unitCostPence: 3500, quantityHundredths: 200, unit: 'session', per: 'month' } },
    { id: newId(), category: 'equipment', description: 'Adapted bicycle', provider: 'Mobility Matters', goalIds: goalIds.slice(-1), partId: part, cost: { kind: 'one-off', amountPence: between(random, 400, 900) * 100 } },
  ];
  // Integer pence: 15.50 an hour is 1550, and `hours` is in hundredths.
  const yearly = (1550 * hours * 52) / 100 + 3500 * 2 * 12 + 90_000;
  const agreed = Math.ceil(yearly / 10_000) * 10_000;
  return {
    indicativePence: agreed - 50_000,
    indicativeSetBy: 'ICB personal health budget team',
    indicativeMethod: 'Indicative budget tool',
    agreedPence: agreed,
    periodStart,
    parts: [{
      id: part,
      funder: 'chc',
      amountPence: agreed,
      holding: index % 2 === 0
        ? { kind: 'direct-payment', recipient: 'person', separateAccountConfirmed: true, monitoring: 'quarterly', agreementDate: periodStart }
        : { kind: 'notional' },
    }],
    items,
  };
}
