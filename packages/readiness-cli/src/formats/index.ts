import { formatJson, formatPlatformJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatTable } from './table';
import type { Formatter } from './types';

export type { FormatContext, Formatter } from './types';

/** The output formats of `readiness check --format`. */
export const FORMATS = {
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;

/** The output formats of `readiness platform --format`: the same names. */
export const PLATFORM_FORMATS = {
  ...FORMATS,
  json: formatPlatformJson,
} satisfies Record<FormatName, Formatter>;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
