import {
  fieldLineOf,
  ObjectRef,
  ReadinessConfig,
  SourcedObjectWithLine,
} from '@prodready/backstage-plugin-readiness-common';
import type { FormatContext } from './formats';
import type { Inputs } from './inputs';

/**
 * Where the report's objects and fields are in the input files, for the
 * formats that point at lines (SARIF, table), given how the command finds
 * the object a reference names.
 */
export function reportLocations(
  sourceOf: (ref: ObjectRef) => SourcedObjectWithLine | undefined,
  inputs: Pick<Inputs, 'rendered'>,
): Pick<FormatContext, 'lineOf' | 'fieldLineOf' | 'artifactFileOf'> {
  return {
    lineOf: ref => sourceOf(ref)?.line,
    fieldLineOf: (ref, fieldPath) => {
      const source = sourceOf(ref);
      // Objects rendered by kubectl have no line: their text is not a file
      // of the repository.
      return source?.line === undefined
        ? undefined
        : fieldLineOf(source, fieldPath) ?? source.line;
    },
    // A rendered Kustomize folder is reported at its kustomization file.
    artifactFileOf: file =>
      inputs.rendered.find(k => k.directory === file)?.file ?? file,
  };
}

/** The checks the configuration turns off (`enabled: false`). */
export function disabledCheckIds(config: ReadinessConfig): Set<string> {
  return new Set(
    Object.entries(config.checks)
      .filter(([, settings]) => settings.enabled === false)
      .map(([id]) => id),
  );
}
