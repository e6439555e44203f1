import {
  planTextSections,
  type ConversationNote,
  type NoteDestination,
  type PlanContentInput,
  type PlanTextSection,
} from '../../../src-shared/contract';

function isTextSection(destination: NoteDestination): destination is PlanTextSection {
  return (planTextSections as readonly string[]).includes(destination);
}

/** A note as it reads in the plan: the person's own words in curly quotation marks. */
export function noteAsWritten(note: Pick<ConversationNote, 'text' | 'ownWords'>): string {
  const text = note.text.trim();
  return note.ownWords ? `“${text}”` : text;
}

/**
 * What the plan holds once a note is moved where it belongs: added to the end of a narrative
 * section, or as a new goal, action or risk whose main words are the note. The note itself goes,
 * so nothing is in the plan twice.
 */
export function withNoteMoved(content: PlanContentInput, noteId: string, destination: NoteDestination, newItemId: string): PlanContentInput {
  const note = content.notes?.find((n) => n.id === noteId);
  if (!note) return content;
  const notes = (content.notes ?? []).filter((n) => n.id !== noteId);
  if (isTextSection(destination)) {
    const before = (content[destination] ?? '').trimEnd();
    const written = noteAsWritten({ text: note.text, ownWords: note.ownWords ?? true });
    return { ...content, notes, [destination]: before ? `${before}\n\n${written}` : written };
  }
  const text = note.text.trim();
  switch (destination) {
    case 'goals':
      return { ...content, notes, goals: [...(content.goals ?? []), { id: newItemId, outcome: text, howWeWillKnow: '', byWhen: '', steps: '', linkedNeeds: '' }] };
    case 'actions':
      return { ...content, notes, actions: [...(content.actions ?? []), { id: newItemId, action: text, who: '', when: '' }] };
    case 'risks':
      return { ...content, notes, risks: [...(content.risks ?? []), { id: newItemId, risk: text, management: '' }] };
  }
}
