/**
 * CSV as spreadsheets read it (RFC 4180): quoted where needed, CRLF line
 * ends, and cells that a spreadsheet would run as a formula defused.
 */

/** A column: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | undefined;
}

// Titles and names come from catalog files anyone can edit; a cell starting
// with one of these would be a formula in Excel or Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV text with a header line. */
export function toCsv<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
): string {
  const lines = [
    columns.map(column => escapeCell(column.header)).join(','),
    ...rows.map(row =>
      columns.map(column => escapeCell(column.value(row))).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
