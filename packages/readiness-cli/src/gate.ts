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
}

export function evaluateGate(
  summary: ReportSummary,
  minLevel: ReadinessLevel,
  minScore?: number,
): GateResult {
  const levelPassed = isAtLeastLevel(summary.level, minLevel);
  const scorePassed = minScore === undefined || summary.score >= minScore;
  return {
    minLevel,
    ...(minScore === undefined ? {} : { minScore }),
    levelPassed,
    scorePassed,
    passed: levelPassed && scorePassed,
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

/** One-line verdict, e.g. `score 72/100, level bronze: gate failed (needs level silver or better)`. */
export function describeVerdict(
  summary: ReportSummary,
  gate: GateResult,
): string {
  const figures = `score ${summary.score}/100, level ${summary.level}`;
  return gate.passed
    ? `${figures}: gate passed (${describeGate(gate)})`
    : `${figures}: gate failed (needs ${describeGate(gate)})`;
}
