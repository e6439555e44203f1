import { Fragment } from 'react';

/** Text typed in a text area, with its line breaks kept (an address, notes in the person's words). */
export function MultilineText({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        // Lines have no identity of their own; their position is their key.
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}
