import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { APP_VERSION } from './app-root';
import { migrateCommand, resetCommand, studioCommand } from './cli/db-commands';
import { CliError } from './cli/errors';
import { proxyCommand } from './cli/proxy-command';
import { serveCommand } from './cli/serve-command';

const out = (line: string) => process.stdout.write(`${line}\n`);

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new InvalidArgumentError('must be a number from 0 to 65535');
  return port;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const dataOptions = (cmd: Command) =>
  cmd
    .option('--data-dir <dir>', 'data folder (default: $FF_DATA_DIR or ~/factory-factory)')
    .option('--database-path <file>', 'database file (default: <data-dir>/data.db)');

/** The `ff` command line. Expected failures print one line and exit non-zero; never a stack trace. */
export function buildProgram(): Command {
  const program = new Command('ff')
    .description('Factory Factory: run many coding agents in parallel, each in its own git worktree.')
    .version(APP_VERSION, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride();

  dataOptions(
    program
      .command('serve')
      .description('serve the app to a browser (headless core + UI)')
      .addOption(
        new Option('--port <port>', 'port to listen on; 0 picks a free one')
          .argParser(parsePort)
          .default(3000),
      )
      .option('--strict-port', 'fail instead of trying the next ports when --port is taken', false)
      .option('--host <host>', 'interface to bind (anything but loopback exposes the app)', '127.0.0.1')
      .option('--allowed-host <name>', 'extra Host name to accept (repeatable)', collect, [] as string[])
      .option('--no-open', 'do not open a browser')
      .option('--dev', 'serve the renderer through Vite with hot reload', false)
      .option('-v, --verbose', 'log to the console too', false),
  ).action((opts) =>
    serveCommand(
      {
        port: opts.port,
        strictPort: opts.strictPort,
        host: opts.host,
        dataDir: opts.dataDir,
        databasePath: opts.databasePath,
        open: opts.open,
        dev: opts.dev,
        verbose: opts.verbose,
        allowedHost: opts.allowedHost,
      },
      out,
    ),
  );

  dataOptions(
    program
      .command('proxy')
      .description(
        'share the app through a Cloudflare quick tunnel (needs cloudflared), e.g. to use it from a phone',
      )
      .option(
        '--private',
        'put a password in front (generated and printed once, unless --password-file)',
        false,
      )
      .option('--password-file <file>', 'read the password from the first line of <file> (implies --private)')
      .option('--cloudflared <path>', 'the cloudflared binary (default: cloudflared on PATH)')
      .addOption(
        new Option(
          '--port <port>',
          'port for the server when none runs on this data folder; 0 picks a free one',
        )
          .argParser(parsePort)
          .default(3000),
      )
      .option('--host <host>', 'interface the server binds when it is started here', '127.0.0.1')
      .option('-v, --verbose', 'log to the console too', false),
  ).action((opts) =>
    proxyCommand(
      {
        private: opts.private,
        passwordFile: opts.passwordFile,
        cloudflared: opts.cloudflared,
        port: opts.port,
        host: opts.host,
        dataDir: opts.dataDir,
        databasePath: opts.databasePath,
        verbose: opts.verbose,
      },
      out,
    ),
  );

  dataOptions(
    program.command('db:migrate').description('apply pending database migrations (keeps a backup)'),
  ).action((opts) => migrateCommand(opts, out));
  dataOptions(
    program
      .command('db:reset')
      .description('replace the database with an empty one (keeps a timestamped backup)')
      .option('-y, --yes', 'do not ask for confirmation', false),
  ).action((opts) => resetCommand(opts, out));
  dataOptions(program.command('db:studio').description('browse the database with drizzle-kit studio')).action(
    (opts) => studioCommand(opts),
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (or help/version).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? 0
        : error.exitCode || 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`ff: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`ff: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv);
process.exit(code);
