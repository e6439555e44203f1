import { accessibilityFeatureLabels, accessibilityFeatures, directoryStaleMonths, type DirectoryEntry } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';

/** "1 entry", "2,000 entries". */
export function countWords(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The accessibility features as checkbox options, in the contract's order. */
export const accessibilityOptions = accessibilityFeatures.map((feature) => ({ value: feature, label: accessibilityFeatureLabels[feature] }));

export const staleExplanation = `It has not been checked for ${directoryStaleMonths} months or more, so it may be out of date: check it with the organisation before you connect someone to it.`;

/* An entry's state is said in words, as a tag: never shown by colour alone. */

export function StaleTag({ lastCheckedOn }: { lastCheckedOn: string }) {
  return <strong className="nhsuk-tag nhsuk-tag--yellow">Not checked since {formatDate(lastCheckedOn)}</strong>;
}

export function NotOfferedTag() {
  return <strong className="nhsuk-tag nhsuk-tag--grey">No longer offered</strong>;
}

/** Both tags, where they apply. */
export function DirectoryEntryTags({ entry }: { entry: Pick<DirectoryEntry, 'stale' | 'lastCheckedOn' | 'active'> }) {
  if (!entry.stale && entry.active) return null;
  return (
    <p className="app-directory-tags">
      {entry.stale ? <StaleTag lastCheckedOn={entry.lastCheckedOn} /> : null}
      {entry.active ? null : <NotOfferedTag />}
    </p>
  );
}

/** "Step-free access, Hearing loop", or "None recorded". */
export function accessibilityWords(entry: Pick<DirectoryEntry, 'accessibility'>): string {
  return entry.accessibility.length === 0 ? 'None recorded' : entry.accessibility.map((feature) => accessibilityFeatureLabels[feature]).join(', ');
}
