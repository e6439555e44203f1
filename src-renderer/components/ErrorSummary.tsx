import { useEffect, useId, useRef } from 'react';

export interface SummaryError {
  /** The id of the field to move to, if the error belongs to one. */
  fieldId?: string;
  message: string;
}

/**
 * The NHS error summary: shown at the top of a form, focused when it appears so screen reader
 * users hear it, each error a link to its field. While it stays on screen its changes are
 * announced (role="alert") without taking focus from a field being corrected.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby={titleId} role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id={titleId}>
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((error) => (
            <li key={`${error.fieldId ?? ''}${error.message}`}>
              {error.fieldId ? (
                <a
                  href={`#${error.fieldId}`}
                  onClick={(event) => {
                    // Hash links would change the route; move focus to the field instead.
                    event.preventDefault();
                    document.getElementById(error.fieldId!)?.focus();
                  }}
                >
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
