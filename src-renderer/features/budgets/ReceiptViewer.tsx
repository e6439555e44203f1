import { useEffect, useRef } from 'react';
import { formatDate, formatPence } from '../../../src-shared/format';
import type { Spend } from '../../../src-shared/contract';

export interface OpenReceipt {
  spend: Spend;
  name: string;
  type: string;
  /** A page-local object URL, revoked when the receipt is closed. */
  url: string;
}

/**
 * A payment's receipt, shown in the page (a photo as an image, a PDF in the browser's viewer) with
 * a way to save a copy. Focus moves to its heading when it opens.
 */
export function ReceiptViewer({ receipt, onClose }: { receipt: OpenReceipt; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [receipt.url]);
  const { spend } = receipt;
  const about = `${formatPence(spend.amountPence)} paid to ${spend.payee} on ${formatDate(spend.spentOn)}`;
  return (
    <section className="nhsuk-card app-budget-receipt" aria-labelledby="receipt-heading">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" id="receipt-heading" ref={heading} tabIndex={-1}>
          Receipt for {about}
        </h3>
        {receipt.type === 'application/pdf' ? (
          <iframe src={receipt.url} title={`Receipt ${receipt.name}, for ${about}`} />
        ) : (
          <img src={receipt.url} alt={`Receipt ${receipt.name}, for ${about}`} />
        )}
        <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
          <a className="nhsuk-button nhsuk-button--secondary" href={receipt.url} download={receipt.name}>
            Save a copy of {receipt.name}
          </a>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onClose}>
            Close the receipt
          </button>
        </div>
      </div>
    </section>
  );
}
