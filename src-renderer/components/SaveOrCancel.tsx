import { Link } from 'wouter';

/** A form's save button and a way back (`cancelHref`) that drops what was typed (`onCancel`). */
export function SaveOrCancel({ label, submitting, cancelHref, onCancel, warning }: { label: string; submitting: boolean; cancelHref: string; onCancel: () => void; warning?: boolean }) {
  return (
    <div className="nhsuk-button-group">
      <button className={`nhsuk-button${warning ? ' nhsuk-button--warning' : ''}`} type="submit" disabled={submitting}>
        {label}
      </button>
      <Link className="nhsuk-link" href={cancelHref} onClick={onCancel}>
        Cancel
      </Link>
    </div>
  );
}
