/**
 * The Accessible Information Standard (DAPB1605): ask, record, flag, share and act on a person's
 * communication needs. Needs are recorded in four kinds; each need has plain words for the flag
 * every screen about the person shows.
 */
export const communicationNeedKinds = ['contact-method', 'information-format', 'communication-professional', 'communication-support'] as const;
export type CommunicationNeedKind = (typeof communicationNeedKinds)[number];

export const communicationNeedKindLabels: Record<CommunicationNeedKind, string> = {
  'contact-method': 'How to contact them',
  'information-format': 'Information in this format',
  'communication-professional': 'Needs a communication professional',
  'communication-support': 'Communication support',
};

/** The needs PlanWell offers for each kind; "other" is described in the person's own words. */
export const communicationNeeds = {
  'contact-method': {
    'text-message': 'Contact by text message',
    email: 'Contact by email',
    letter: 'Contact by letter',
    'telephone-relay': 'Contact by text relay (Relay UK)',
    'no-telephone': 'Do not phone',
    'via-carer': 'Contact through their carer or representative',
    other: 'Another contact method',
  },
  'information-format': {
    'large-print': 'Large print',
    'easy-read': 'Easy read',
    braille: 'Braille',
    audio: 'Audio',
    'bsl-video': 'British Sign Language video',
    'screen-reader': 'Screen-reader friendly email or PDF',
    other: 'Another format',
  },
  'communication-professional': {
    'bsl-interpreter': 'British Sign Language interpreter',
    'deafblind-interpreter': 'Deafblind manual interpreter',
    lipspeaker: 'Lipspeaker',
    notetaker: 'Notetaker',
    'speech-to-text': 'Speech-to-text reporter',
    'language-interpreter': 'Spoken language interpreter',
    other: 'Another communication professional',
  },
  'communication-support': {
    'hearing-loop': 'Hearing loop',
    'lip-reading': 'Lip-reads: face them and speak clearly',
    'extra-time': 'Needs extra time',
    'communication-aid': 'Uses a communication aid',
    'advocate': 'Needs an advocate present',
    'plain-english': 'Plain English, one idea at a time',
    other: 'Other communication support',
  },
} as const satisfies Record<CommunicationNeedKind, Record<string, string>>;

export type CommunicationNeedCode<K extends CommunicationNeedKind = CommunicationNeedKind> = keyof (typeof communicationNeeds)[K] & string;

export interface CommunicationNeed {
  kind: CommunicationNeedKind;
  need: string;
  /** The person's own words, or detail such as the language for an interpreter. */
  detail: string;
}

/** One plain sentence per need, for the flag: "Large print", "Spoken language interpreter: Polish". */
export function describeCommunicationNeed(need: CommunicationNeed): string {
  const labels: Record<string, string> = communicationNeeds[need.kind];
  const label = labels[need.need] ?? need.need;
  return need.detail ? `${label}: ${need.detail}` : label;
}

/** The information format to use for documents for this person, if they have one recorded. */
export function preferredInformationFormat(needs: readonly CommunicationNeed[]): string | null {
  return needs.find((n) => n.kind === 'information-format')?.need ?? null;
}
