import type {
  CheckCatalogue,
  CheckResult,
  ObjectRef,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import type { GateResult } from '../gate';
import type { InputError } from '../inputs';

/**
 * The cluster of a `readiness platform` report: its one subject, whose
 * results are the platform checks'.
 */
export interface ClusterSubjectSource {
  name: string;
  results: CheckResult[];
  /** The dump results without a finding point at (its first file). */
  file?: string;
}

/** Everything a report format needs. */
export interface FormatContext {
  /**
   * The report; for a cluster, its summary, time and warnings, with no
   * workloads or objects (the results are in `cluster`).
   */
  report: ReadinessReport;
  /** Set for `readiness platform`: the cluster evaluated. */
  cluster?: ClusterSubjectSource;
  gate: GateResult;
  /** Use ANSI colour (table only). */
  color: boolean;
  /** The line an object starts on in its file, when known. */
  lineOf(ref: ObjectRef): number | undefined;
  /**
   * The line of a field of an object (a finding's path) in its file, when
   * known: the field itself, or where it would go.
   */
  fieldLineOf?(ref: ObjectRef, path: string): number | undefined;
  /**
   * The file a code-scanning location should name for a report's file: a
   * rendered kustomization's folder → its kustomization file.
   */
  artifactFileOf?(file: string): string;
  /** Inputs that could not be read; the report covers the rest. */
  inputErrors?: readonly InputError[];
  /** Every workload in full, however many (table). */
  verbose?: boolean;
  /** Where the evaluated catalog entity was read from. */
  entitySource?: { file?: string; line?: number };
  /** Base URL of the check reference; a check's anchor is appended. */
  docsUrl: string;
  /** Version of the CLI, for SARIF and JUnit. */
  toolVersion: string;
  /**
   * The checks of the run's configuration, custom ones included; the
   * built-in catalogue when absent.
   */
  catalogue?: CheckCatalogue;
  /** Ids the configuration turns off (`enabled: false`): they gave no result. */
  disabledChecks?: ReadonlySet<string>;
}

/**
 * Renders a report as text for stdout or a file: one string, or pieces to
 * write one after the other (large reports).
 */
export type Formatter = (context: FormatContext) => string | Iterable<string>;
