import type {
  ObjectRef,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import type { GateResult } from '../gate';

/** Everything a report format needs. */
export interface FormatContext {
  report: ReadinessReport;
  gate: GateResult;
  /** Use ANSI colour (table only). */
  color: boolean;
  /** The line an object starts on in its file, when known. */
  lineOf(ref: ObjectRef): number | undefined;
  /** Where the evaluated catalog entity was read from. */
  entitySource?: { file?: string; line?: number };
  /** Base URL of the check reference; a check's anchor is appended. */
  docsUrl: string;
  /** Version of the CLI, for SARIF and JUnit. */
  toolVersion: string;
}

/**
 * Renders a report as text for stdout or a file: one string, or pieces to
 * write one after the other (large reports).
 */
export type Formatter = (context: FormatContext) => string | Iterable<string>;
