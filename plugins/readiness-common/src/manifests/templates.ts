import type * as Yaml from 'yaml';

/**
 * Where a YAML text holds a `{{ ... }}` template expression in a key or an
 * unquoted value, as an un-rendered Helm chart or Go template does
 * (`replicas: {{ .Values.replicaCount }}`, `{{- if .Values.enabled }}`):
 * the offset of the first one, or undefined. `{{` inside a quoted string, a
 * block scalar or a comment is text, not a template: Argo Workflows and
 * Prometheus rules write `"{{inputs.parameters.x}}"` on purpose.
 *
 * Uses the yaml package's concrete syntax tree, which keeps the style of
 * every scalar and tolerates text that is not valid YAML.
 */
export function templateExpressionOffset(
  yaml: typeof Yaml,
  text: string,
): number | undefined {
  let found: number | undefined;
  const visit = (token: unknown): void => {
    if (found !== undefined || typeof token !== 'object' || token === null) {
      return;
    }
    if (Array.isArray(token)) {
      for (const item of token) visit(item);
      return;
    }
    const { type, offset, source, start } = token as {
      type?: string;
      offset?: number;
      source?: unknown;
      start?: { offset?: number; source?: string };
    };
    if (
      (type === 'scalar' || type === 'error') &&
      typeof source === 'string' &&
      typeof offset === 'number'
    ) {
      const at = source.indexOf('{{');
      if (at !== -1) {
        found = offset + at;
        return;
      }
    }
    if (
      type === 'flow-collection' &&
      start?.source === '{' &&
      typeof start.offset === 'number' &&
      text[start.offset + 1] === '{'
    ) {
      found = start.offset;
      return;
    }
    if (type === 'block-scalar' || type?.endsWith('quoted-scalar')) {
      return;
    }
    for (const key of Object.keys(token)) {
      if (key !== 'source') visit((token as Record<string, unknown>)[key]);
    }
  };
  for (const token of new yaml.Parser().parse(text)) {
    visit(token);
    if (found !== undefined) break;
  }
  return found;
}
