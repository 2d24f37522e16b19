/** Printing: progress lines, numbers and Markdown tables. */
import os from 'node:os';

export const print = (line = '') => process.stdout.write(`${line}\n`);

export const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '-';

/** Other work on the machine skews every figure; printed to tell. */
export const loadAverage = () =>
  os
    .loadavg()
    .map(value => fmt(value, 2))
    .join(', ');

export const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;

/** A Markdown table; columns after the first are right-aligned. */
export function table(header: string[], rows: string[][]) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join(' | ')} |`;
  print(line(header));
  print(
    `| ${widths
      .map((width, column) =>
        column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`,
      )
      .join(' | ')} |`,
  );
  rows.forEach(row => print(line(row)));
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));
