/**
 * The `vigil` command line (yargs). Each command is one file in cli/commands/; this file only wires
 * arguments to them. Exit codes: 0 ok, 2 bad input (scenario problems, bad options), 1 anything else.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { accessCommand } from './commands/access.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { EXIT_BAD_INPUT, guarded } from './errors.js';

export async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('vigil')
    // '--until -1h' must be a bad value, not the flags -1 and -h (help).
    .parserConfiguration({ 'short-option-groups': false })
    .usage('$0 <command> [options]\n\nVigil: a deterministic space wargame engine for multinational exercises.')
    .command(
      'validate <scenario>',
      'check a scenario: every problem with file:line:col, or a one-line summary',
      (y) => y.positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' }).option('json', { type: 'boolean', describe: 'print the summary as JSON' }),
      (a) => guarded(() => validateCommand({ scenario: a.scenario, json: a.json })),
    )
    .command(
      'run <scenario>',
      'run a scenario headless; writes events.jsonl, hashes.txt and summary.json',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('seed', { type: 'string', describe: "seed of every random stream (default: the scenario's)" })
          .option('until', { type: 'string', describe: 'stop at this offset from the epoch, e.g. 2h (default: the whole scenario)' })
          .option('out', { type: 'string', describe: 'output folder (default: out/<scenario file name without .yaml>)' })
          .option('json', { type: 'boolean', describe: 'print the summary as JSON' })
          .option('run-index', { type: 'string', default: '0', describe: 'run index within a batch (seeds the streams with the seed)' })
          .option('propagator', { choices: ['wasm', 'js'] as const, default: 'wasm' as const, describe: 'SGP4 backend (part of the deterministic inputs)' })
          .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a terminal (never shown when not a TTY)' })
          .option('cache', { type: 'boolean', default: true, describe: 'keep prepared orbits between runs in $VIGIL_CACHE_DIR (default ~/.cache/vigil); --no-cache to skip' })
          .option('without-agreement', { type: 'string', array: true, describe: "run without this sharing agreement (repeatable; 'all' for none): compare custody with and without" })
          .option('export-picture', { type: 'string', array: true, describe: "write this nation's final picture as OMM KVN, OMM JSON and TLE under <out>/pictures/ (repeatable; 'all')" }),
      (a) => guarded(() => runCommand({
        scenario: a.scenario, seed: a.seed, until: a.until, out: a.out, json: a.json, runIndex: a.runIndex, propagator: a.propagator, progress: a.progress, cache: a.cache,
        withoutAgreement: a.withoutAgreement, exportPicture: a.exportPicture,
      })),
    )
    .command(
      'access <scenario>',
      'access windows (rise, set, max elevation) of an object from a ground sensor',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('from', { type: 'string', demandOption: true, describe: 'sensor id' })
          .option('to', { type: 'string', demandOption: true, describe: 'object id or NORAD number' })
          .option('start', { type: 'string', describe: 'offset from the epoch to start at (default 0s)' })
          .option('until', { type: 'string', describe: 'offset from the epoch to stop at (default: the scenario duration)' })
          .option('json', { type: 'boolean', describe: 'print the report as JSON' }),
      (a) => guarded(() => accessCommand({ scenario: a.scenario, from: a.from, to: String(a.to), start: a.start, until: a.until, json: a.json })),
    )
    .command('schema', 'print the scenario JSON Schema', {}, () => guarded(schemaCommand))
    .demandCommand(1, 'give a command: validate, run, access or schema')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err, y) => {
      if (err) throw err;
      const command = argv.find((a) => ['validate', 'run', 'access', 'schema'].includes(a));
      process.stderr.write(`vigil: ${msg}\nrun 'vigil ${command ? `${command} ` : ''}--help' for usage\n`);
      void y;
      process.exit(EXIT_BAD_INPUT);
    })
    .parseAsync();
}

await main(hideBin(process.argv));
