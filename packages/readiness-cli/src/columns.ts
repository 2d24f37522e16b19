/**
 * Rows as columns aligned with two spaces between them, for the terminal;
 * the last column is not padded, and no line ends in spaces.
 */
export function alignColumns(rows: readonly string[][]): string {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map(row => row[column].length)),
  );
  return `${rows
    .map(row =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
