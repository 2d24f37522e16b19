import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import {
  CheckCatalogue,
  checkReferenceUrl,
  LEVELS_ASCENDING,
  PackageSource,
  ServerVersion,
} from '@prodready/backstage-plugin-readiness-common';
import { runCheck, CheckOptions } from './check';
import {
  ReferenceChecks,
  renderCheckReferenceMarkdown,
  renderCheckReferenceTable,
} from './checkReference';
import { ChecksTestOptions, runChecksTest } from './checksTest';
import { loadConfig } from './config';
import { describeError } from './errors';
import { FORMAT_NAMES } from './formats';
import { CliIo, processIo } from './io';
import {
  DEFAULT_CLUSTER_NAME,
  parseServerVersion,
  PlatformOptions,
  runPlatform,
} from './platform';
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

function parseVersion(value: string): ServerVersion {
  const parsed = parseServerVersion(value);
  if (!parsed) {
    throw new InvalidArgumentError(
      'it must be a Kubernetes version such as 1.31 or v1.31.2.',
    );
  }
  return parsed;
}

function parseClusterName(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError('it must not be empty.');
  }
  return value;
}

/** Largest file accepted by default, in MiB (`--max-file-size`). */
const DEFAULT_MAX_FILE_SIZE = 32;

/** Gathers a repeatable option's values. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The checks `readiness checks` lists: built-in, and custom with --config. */
function referenceChecks(io: CliIo, configFile?: string): ReferenceChecks {
  if (!configFile) {
    return { catalogue: CheckCatalogue.builtIn, customChecks: [] };
  }
  const config = loadConfig(
    configFile,
    DEFAULT_MAX_FILE_SIZE * 1024 * 1024,
    message => io.stderr.write(`readiness: ${message}\n`),
  );
  return {
    catalogue: config.catalogue,
    customChecks: config.customChecks,
    file: configFile,
  };
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

/**
 * The options of every command that reads manifests: how objects without a
 * namespace, standard input and large or unwanted files are treated.
 */
function withManifestInputOptions(command: Command): Command {
  return withFileInputOptions(
    command.option(
      '-n, --namespace <namespace>',
      'namespace of objects that name none',
      'default',
    ),
  );
}

/**
 * How standard input and large or unwanted files are treated: the options
 * of every command that reads files, cluster dumps included.
 */
function withFileInputOptions(command: Command): Command {
  return command
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
        .default(DEFAULT_MAX_FILE_SIZE),
    )
    .option(
      '-x, --exclude <glob>',
      'leave out files and folders matching a glob, relative to the current directory or to the path argument (repeatable), e.g. "charts/**"',
      collect,
    );
}

/**
 * The gate and report options of the commands that judge their input:
 * configuration, gate thresholds, where the report goes and how it looks,
 * and whether an input with nothing to judge passes.
 */
function withGateOptions(
  command: Command,
  help: { config: string; empty: string },
): Command {
  return command
    .option('-c, --config <file>', help.config)
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
      '--docs-url <url>',
      'base URL of the check reference, for links in SARIF and Markdown',
      DEFAULT_DOCS_URL,
    )
    .option(
      '--allow-empty',
      `pass the gate when the input holds ${help.empty} (by default that fails: nothing was evaluated)`,
    );
}

function createProgram(io: CliIo, setExitCode: (code: number) => void) {
  const program = new Command('readiness')
    .description(
      'Production-readiness checks for Kubernetes manifests and clusters, as a CI gate.',
    )
    .version(version, '-V, --version')
    // Options after a command are that command's: `checks test --config`
    // is not `checks --config`.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
      outputError: (text, write) =>
        write(`readiness: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(run "readiness check --help" for usage)')
    .addHelpText(
      'after',
      // No line may end with a colon: the CLI report reads those as sections.
      `
Custom checks (customChecks in a --config file) are listed by
"readiness checks --config <file>" and tried on manifests, before they
are rolled out, by "readiness checks test --config <file> <paths...>".`,
    );

  const checks = program
    .command('checks')
    .description(
      'List the readiness checks with their ids and severities (with --config, its custom checks too).',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown'])
        .default('table'),
    )
    .option(
      '-c, --config <file>',
      'readiness configuration (YAML or JSON) whose customChecks are listed too',
    )
    .enablePositionalOptions()
    .allowExcessArguments(false)
    .action((options: { format: string; config?: string }) => {
      const reference = referenceChecks(io, options.config);
      io.stdout.write(
        options.format === 'markdown'
          ? renderCheckReferenceMarkdown(reference)
          : renderCheckReferenceTable(reference),
      );
    });

  withManifestInputOptions(
    checks
      .command('test')
      .showHelpAfterError('(run "readiness checks test --help" for usage)')
      .description(
        "Try custom checks before rolling them out: each check's result on each object it applies to (pass, fail, skip, error), with messages, findings and CEL errors.",
      )
      .argument(
        '[paths...]',
        'manifest files or directories (as for check), or - for standard input',
      )
      .requiredOption(
        '-c, --config <file>',
        'configuration (YAML or JSON) holding the customChecks to try',
      )
      .option(
        '--check <id>',
        'try only this custom check (repeatable, or comma-separated); default every custom check of --config',
        collect,
      )
      .option(
        '-e, --entity <file>',
        'catalog-info.yaml of the service, for entity checks and the entity variable',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'])
          .default('table'),
      )
      .option('--no-color', 'no ANSI colour (also NO_COLOR=1)'),
  ).action(async (paths: string[], options: Record<string, unknown>) => {
    const testOptions: ChecksTestOptions = {
      config: options.config as string,
      checks: (options.check as string[] | undefined) ?? [],
      entity: options.entity as string | undefined,
      format: options.format as ChecksTestOptions['format'],
      color: useColor(io, options.color !== false),
      namespace: options.namespace as string | undefined,
      stdinFilename: options.stdinFilename as string,
      maxFileSize: options.maxFileSize as number,
      exclude: (options.exclude as string[] | undefined) ?? [],
    };
    setExitCode(await runChecksTest(paths, testOptions, io));
  });

  withGateOptions(
    withManifestInputOptions(
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
          '-v, --verbose',
          'with many workloads, show every workload in full, not only those that fail the gate',
        ),
    ),
    {
      config:
        'readiness configuration (YAML or JSON): checks, minReplicas, allowedRegistries, exemptions...',
      empty: 'no workload',
    },
  ).action(async (paths: string[], options: Record<string, unknown>) => {
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

  withGateOptions(
    withFileInputOptions(
      program
        .command('platform')
        .showHelpAfterError('(run "readiness platform --help" for usage)')
        .description(
          'Score a cluster against the platform checks, from a dump of it: the output of `kubectl get <kinds> -A -o json` (see the README for the command).',
        )
        .argument(
          '<paths...>',
          'dump files or directories (JSON or YAML: a List, or several documents), or - for standard input',
        )
        .addOption(
          new Option('-f, --format <format>', 'output format')
            .choices(FORMAT_NAMES)
            .default('table'),
        )
        .option(
          '--cluster-name <name>',
          "the cluster's name in the report",
          parseClusterName,
          DEFAULT_CLUSTER_NAME,
        )
        .addOption(
          new Option(
            '--server-version <version>',
            "the cluster's Kubernetes version, e.g. 1.31 (default: the oldest Node's kubelet version)",
          ).argParser(parseVersion),
        ),
    ),
    {
      config:
        'readiness configuration (YAML or JSON): platform settings, custom checks of scope cluster, checks, exemptions...',
      empty: 'no Kubernetes object',
    },
  ).action(async (paths: string[], options: Record<string, unknown>) => {
    const platformOptions: PlatformOptions = {
      format: options.format as PlatformOptions['format'],
      clusterName: options.clusterName as string,
      serverVersion: options.serverVersion as ServerVersion | undefined,
      config: options.config as string | undefined,
      minLevel: options.minLevel as PlatformOptions['minLevel'],
      minScore: options.minScore as number | undefined,
      output: options.output as string | undefined,
      color: useColor(io, options.color !== false),
      stdinFilename: options.stdinFilename as string,
      maxFileSize: options.maxFileSize as number,
      docsUrl: options.docsUrl as string,
      exclude: (options.exclude as string[] | undefined) ?? [],
      allowEmpty: Boolean(options.allowEmpty),
    };
    setExitCode(await runPlatform(paths, platformOptions, io, version));
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
    // One problem a line, each saying where it comes from.
    for (const line of describeError(error).split('\n')) {
      io.stderr.write(`readiness: ${line}\n`);
    }
    return 2;
  }
}

/** Entry point of `bin/readiness`. */
export async function run(args: string[] = process.argv.slice(2)) {
  process.exitCode = await main(args);
}
