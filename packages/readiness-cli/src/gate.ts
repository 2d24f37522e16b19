import {
  isAtLeastLevel,
  ReadinessLevel,
  ReportSummary,
} from '@prodready/backstage-plugin-readiness-common';

/** The CI gate and whether the report passes it. */
export interface GateResult {
  minLevel: ReadinessLevel;
  minScore?: number;
  levelPassed: boolean;
  scorePassed: boolean;
  passed: boolean;
  /** How many inputs could not be read (the gate fails, exit code 2). */
  unreadableInputs?: number;
  /** Why nothing was evaluated, when no workload was found (the gate fails). */
  nothingEvaluated?: string;
  /**
   * What `--allow-empty` accepts, for the verdict: `an input without
   * workloads` (the default) or `an input without Kubernetes objects`.
   */
  emptyInput?: string;
}

/** What, besides level and score, keeps the gate from holding. */
export interface GateBlockers {
  unreadableInputs?: number;
  nothingEvaluated?: string;
  /** See {@link GateResult.emptyInput}. */
  emptyInput?: string;
}

export function evaluateGate(
  summary: ReportSummary,
  minLevel: ReadinessLevel,
  minScore?: number,
  blockers: GateBlockers = {},
): GateResult {
  const levelPassed = isAtLeastLevel(summary.level, minLevel);
  const scorePassed = minScore === undefined || summary.score >= minScore;
  const blocked =
    Boolean(blockers.unreadableInputs) ||
    blockers.nothingEvaluated !== undefined;
  return {
    minLevel,
    ...(minScore === undefined ? {} : { minScore }),
    levelPassed,
    scorePassed,
    passed: levelPassed && scorePassed && !blocked,
    ...(blockers.unreadableInputs
      ? { unreadableInputs: blockers.unreadableInputs }
      : {}),
    ...(blockers.nothingEvaluated !== undefined
      ? { nothingEvaluated: blockers.nothingEvaluated }
      : {}),
    ...(blockers.emptyInput ? { emptyInput: blockers.emptyInput } : {}),
  };
}

/** "level silver or better" / "level silver or better and score 80 or more". */
export function describeGate(gate: GateResult): string {
  const level =
    gate.minLevel === 'gold'
      ? 'level gold'
      : `level ${gate.minLevel} or better`;
  return gate.minScore === undefined
    ? level
    : `${level} and score ${gate.minScore} or more`;
}

/**
 * One-line verdict, e.g. `score 72/100, level bronze: gate failed (needs
 * level silver or better)`; with the cause of the level when given:
 * `score 40/100, level none: readiness-probe (critical) fails in Deployment
 * shop/web; gate failed (needs level silver or better)`.
 */
export function describeVerdict(
  summary: ReportSummary,
  gate: GateResult,
  cause?: string,
): string {
  if (gate.unreadableInputs) {
    const n = gate.unreadableInputs;
    return `${n} ${
      n === 1 ? 'input' : 'inputs'
    } could not be read (listed on stderr): gate failed; the rest scores ${
      summary.score
    }/100, level ${summary.level}`;
  }
  if (gate.nothingEvaluated !== undefined) {
    return `nothing evaluated: ${
      gate.nothingEvaluated
    }: gate failed (--allow-empty accepts ${
      gate.emptyInput ?? 'an input without workloads'
    })`;
  }
  const figures = `score ${summary.score}/100, level ${summary.level}${
    cause ? `: ${cause};` : ':'
  }`;
  return gate.passed
    ? `${figures} gate passed (${describeGate(gate)})`
    : `${figures} gate failed (needs ${describeGate(gate)})`;
}
