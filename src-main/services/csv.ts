import Papa from 'papaparse';

/**
 * A cell starting with = + - @ tab or carriage return is a formula to a spreadsheet; such cells
 * are escaped. Not papaparse's `true`, whose /^[=+\-@\t\r].*$/ lets a cell with a line break through.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** CSV for people to open in a spreadsheet: a header row, then the rows, formulae neutralised. */
export function toCsv(fields: string[], rows: (string | number)[][]): string {
  return Papa.unparse({ fields, data: rows }, { escapeFormulae: formulaStart });
}
