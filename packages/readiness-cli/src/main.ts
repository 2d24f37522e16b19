import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import {
  checkReferenceUrl,
  LEVELS_ASCENDING,
  PackageSource,
} from '@prodready/backstage-plugin-readiness-common';
import { runCheck, CheckOptions } from './check';
import {
  renderCheckReferenceMarkdown,
  renderCheckReferenceTable,
} from './checkReference';
import { describeError } from './errors';
import { FORMAT_NAMES } from './formats';
import { CliIo, processIo } from './io';
import packageJson from '../package.json';

const { version } = packageJson;

/**
 * Where `helpUri` and Markdown links point unless `--docs-url` says
 * otherwise: the check reference in the repository named by this package's
 * `repository` field.
 */
export const DEFAULT_DOCS_URL = checkReferenceUrl(packageJson as PackageSource);

function parseScore(value: string): number {
  const score = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(score) ||
    score < 0 ||
    score > 100
  ) {
    throw new InvalidArgumentError('it must be a number from 0 to 100.');
  }
  return score;
}

function parseSize(value: string): number {
  const size = Number(value);
  if (value.trim() === '' || !Number.isFinite(size) || size <= 0) {
    throw new InvalidArgumentError('it must be a positive number of MiB.');
  }
  return size;
}

function useColor(io: CliIo, flag: boolean): boolean {
  if (!flag || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')) {
    return false;
  }
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    return force !== '0' && force !== 'false';
  }
  return Boolean(io.stdout.isTTY);
}

function createProgram(io: CliIo, setExitCode: (code: number) => void) {
  const program = new Command('readiness')
    .description(
      'Production-readiness checks for Kubernetes manifests, as a CI gate.',
    )
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
      outputError: (text, write) =>
        write(`readiness: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(run "readiness check --help" for usage)');

  program
    .command('checks')
    .description('List the readiness checks with their ids and severities.')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown'])
        .default('table'),
    )
    .action((options: { format: string }) => {
      io.stdout.write(
        options.format === 'markdown'
          ? renderCheckReferenceMarkdown()
          : renderCheckReferenceTable(),
      );
    });

  program
    .command('check')
    .description(
      'Check Kubernetes manifests (files, directories, or - for standard input) against the readiness checks.',
    )
    .argument(
      '<paths...>',
      'manifest files or directories (.yaml, .yml, .json, read recursively; Kustomize folders rendered with kubectl), or - for standard input',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(FORMAT_NAMES)
        .default('table'),
    )
    .option(
      '-e, --entity <file>',
      'catalog-info.yaml of the service: also evaluate entity-level checks (owner, runbook, on-call...)',
    )
    .option(
      '-c, --config <file>',
      'readiness configuration (YAML or JSON): checks, minReplicas, allowedRegistries, exemptions...',
    )
    .addOption(
      new Option(
        '--min-level <level>',
        'lowest level that passes the gate (default: the config gate, else silver)',
      ).choices([...LEVELS_ASCENDING].reverse()),
    )
    .addOption(
      new Option(
        '--min-score <score>',
        'lowest score (0-100) that passes the gate',
      ).argParser(parseScore),
    )
    .option(
      '-o, --output <file>',
      'write the report to a file instead of stdout',
    )
    .option('--no-color', 'no ANSI colour in the table (also NO_COLOR=1)')
    .option(
      '-n, --namespace <namespace>',
      'namespace of objects that name none',
      'default',
    )
    .option(
      '--stdin-filename <name>',
      'file name given to standard input in reports',
      '<stdin>',
    )
    .addOption(
      new Option(
        '--max-file-size <MiB>',
        'largest manifest file (or standard input) accepted',
      )
        .argParser(parseSize)
        .default(32),
    )
    .option(
      '--docs-url <url>',
      'base URL of the check reference, for links in SARIF and Markdown',
      DEFAULT_DOCS_URL,
    )
    .option(
      '-x, --exclude <glob>',
      'leave out files and folders matching a glob, relative to the current directory or to the path argument (repeatable), e.g. "charts/**"',
      (value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        value,
      ],
    )
    .option(
      '--allow-empty',
      'pass the gate when the input holds no workload (by default that fails: nothing was evaluated)',
    )
    .option(
      '-v, --verbose',
      'with many workloads, show every workload in full, not only those that fail the gate',
    )
    .action(async (paths: string[], options: Record<string, unknown>) => {
      const checkOptions: CheckOptions = {
        format: options.format as CheckOptions['format'],
        entity: options.entity as string | undefined,
        config: options.config as string | undefined,
        minLevel: options.minLevel as CheckOptions['minLevel'],
        minScore: options.minScore as number | undefined,
        output: options.output as string | undefined,
        color: useColor(io, options.color !== false),
        namespace: options.namespace as string | undefined,
        stdinFilename: options.stdinFilename as string,
        maxFileSize: options.maxFileSize as number,
        docsUrl: options.docsUrl as string,
        exclude: (options.exclude as string[] | undefined) ?? [],
        allowEmpty: Boolean(options.allowEmpty),
        verbose: Boolean(options.verbose),
      };
      setExitCode(await runCheck(paths, checkOptions, io, version));
    });

  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the exit code: 0 the gate holds, 1 it fails, 2 bad usage or
 * unreadable input. Never throws and never prints a stack trace.
 */
export async function main(
  args: string[],
  io: CliIo = processIo(),
): Promise<number> {
  let exitCode = 0;
  try {
    const program = createProgram(io, code => {
      exitCode = code;
    });
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help) already.
      return error.exitCode === 0 ? 0 : 2;
    }
    io.stderr.write(`readiness: ${describeError(error)}\n`);
    return 2;
  }
}

/** Entry point of `bin/readiness`. */
export async function run(args: string[] = process.argv.slice(2)) {
  process.exitCode = await main(args);
}
