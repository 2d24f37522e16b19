/**
 * One JSON object per line on stdout: the cluster's log pipeline parses the
 * fields, so logs can be searched by level, route or error without a shell.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info') as Level;
  return ORDER[level] ?? ORDER.info;
}

export function log(
  level: Level,
  message: string,
  fields: Record<string, unknown> = {},
): void {
  if (ORDER[level] < threshold()) return;
  process.stdout.write(
    `${JSON.stringify({
      time: new Date().toISOString(),
      level,
      message,
      ...fields,
    })}\n`,
  );
}
