/**
 * The `vigil` command line (yargs). Each command is one file in cli/commands/; this file only wires
 * arguments to them, and loads a command's module when it runs (all of them took ~0.2 s at every start). Exit codes: 0 ok, 2 bad input (scenario problems, bad options), 1 anything else.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { parseShard, shardFromEnvironment } from './batch/shards.js';
import { wholeNumber } from './options.js';
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
      (a) => guarded(async () => (await import('./commands/validate.js')).validateCommand({ scenario: a.scenario, json: a.json })),
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
      (a) => guarded(async () => (await import('./commands/run.js')).runCommand({
        scenario: a.scenario, seed: a.seed, until: a.until, out: a.out, json: a.json, runIndex: a.runIndex, propagator: a.propagator, progress: a.progress, cache: a.cache,
        withoutAgreement: a.withoutAgreement, exportPicture: a.exportPicture,
      })),
    )
    .command(
      'batch <scenario>',
      'run a scenario many times under its montecarlo uncertainty; writes runs.csv, runs.jsonl, summary.json and report.html',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('runs', { type: 'string', describe: "how many runs (default: montecarlo.runs, else 100)" })
          .option('seed', { type: 'string', describe: "seed of every run (run i: seed and run index i; default: the scenario's)" })
          .option('workers', { type: 'string', default: 'auto', describe: "worker threads: 'auto' (the cores available) or a number" })
          .option('until', { type: 'string', describe: 'stop each run at this offset from the epoch, e.g. 2h' })
          .option('out', { type: 'string', describe: 'output folder (default: out/<scenario>-batch)' })
          .option('resume', { type: 'boolean', default: false, describe: 'carry on an interrupted batch in --out, skipping its finished runs' })
          .option('shard', { type: 'string', describe: 'run only slice i of N (i/N, 1-based) and write a shard file for `vigil merge`; default from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID' })
          .option('shards', { type: 'string', describe: 'N for a Kubernetes Indexed Job (or VIGIL_SHARDS)' })
          .option('without-agreement', { type: 'string', array: true, describe: "every run without this agreement (repeatable; 'all')" })
          .option('progress', { type: 'boolean', default: true, describe: 'progress bar with ETA on a terminal (never when not a TTY)' })
          .option('cache', { type: 'boolean', default: true, describe: 'use the prepared-orbit cache' })
          .option('share-ephemeris', { type: 'boolean', default: true, describe: "propagate the scenario's objects once for every run (same results; --no-share-ephemeris to have each run propagate them)" })
          .option('json', { type: 'boolean', describe: 'print the summary as JSON' }),
      (a) => guarded(async () => {
        const shards = wholeNumber(a.shards, '--shards', 100_000);
        const shard = a.shard !== undefined ? parseShard(a.shard) : shardFromEnvironment(process.env, shards);
        return (await import('./commands/batch.js')).batchCommand({
          scenario: a.scenario, runs: a.runs, seed: a.seed, workers: a.workers, until: a.until, out: a.out, resume: a.resume, progress: a.progress,
          cache: a.cache, json: a.json, withoutAgreement: a.withoutAgreement, shard, shareEphemeris: a.shareEphemeris,
        });
      }),
    )
    .command(
      'merge <paths..>',
      'join the shard files of a batch (files or folders) into the outputs of one batch',
      (y) => y.positional('paths', { type: 'string', array: true, demandOption: true, describe: 'shard files or folders holding them' }).option('out', { type: 'string', describe: 'output folder (default: out/merged)' }),
      (a) => guarded(async () => (await import('./commands/merge.js')).mergeCommand({ paths: a.paths as string[], out: a.out })),
    )
    .command(
      'compare <a> <b>',
      'run two scenarios with common random numbers and report the paired differences of their metrics',
      (y) =>
        y
          .positional('a', { type: 'string', demandOption: true, describe: 'scenario A (the baseline)' })
          .positional('b', { type: 'string', demandOption: true, describe: 'scenario B (the variant)' })
          .option('runs', { type: 'string', describe: "paired runs (default: A's montecarlo.runs, else 100)" })
          .option('seed', { type: 'string', describe: "seed of every run (default: A's)" })
          .option('workers', { type: 'string', default: 'auto', describe: "worker threads: 'auto' or a number" })
          .option('until', { type: 'string', describe: 'stop each run at this offset from the epoch' })
          .option('out', { type: 'string', describe: 'output folder (default: out/compare)' })
          .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a terminal' })
          .option('cache', { type: 'boolean', default: true, describe: 'use the prepared-orbit cache' })
          .option('json', { type: 'boolean', describe: 'print the result as JSON' }),
      (a) => guarded(async () => (await import('./commands/compare.js')).compareCommand({ a: a.a, b: a.b, runs: a.runs, seed: a.seed, workers: a.workers, until: a.until, out: a.out, json: a.json, progress: a.progress, cache: a.cache })),
    )
    .command(
      'coalition-value <scenario>',
      "what each nation's sensors and agreements add to a metric: leave-one-out and Shapley values, with intervals",
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .option('metric', { type: 'string', demandOption: true, describe: "a metric id of the scenario (or custody-<NATION> when it names none)" })
          .option('runs', { type: 'string', describe: 'runs per coalition (default: montecarlo.runs, else 20)' })
          .option('seed', { type: 'string', describe: "seed of every run (default: the scenario's)" })
          .option('permutations', { type: 'string', describe: 'orders sampled per run when there are more than 8 contributing nations (default 16)' })
          .option('workers', { type: 'string', default: 'auto', describe: "worker threads: 'auto' or a number" })
          .option('until', { type: 'string', describe: 'stop each run at this offset from the epoch' })
          .option('out', { type: 'string', describe: 'output folder (default: out/coalition-value)' })
          .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a terminal' })
          .option('cache', { type: 'boolean', default: true, describe: 'use the prepared-orbit cache' })
          .option('json', { type: 'boolean', describe: 'print the result as JSON' }),
      (a) => guarded(async () => (await import('./commands/coalition-value.js')).coalitionValueCommand({
        scenario: a.scenario, metric: a.metric, runs: a.runs, seed: a.seed, permutations: a.permutations, workers: a.workers, until: a.until, out: a.out, json: a.json, progress: a.progress, cache: a.cache,
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
      (a) => guarded(async () => (await import('./commands/access.js')).accessCommand({ scenario: a.scenario, from: a.from, to: String(a.to), start: a.start, until: a.until, json: a.json })),
    )
    .command(
      'serve [scenario]',
      'run a live game: serves the viewer and each cell its own picture over WebSockets; prints one URL per cell',
      (y) =>
        y
          .positional('scenario', { type: 'string', describe: 'scenario YAML file (not needed with --resume)' })
          .option('port', { type: 'string', default: '8080', describe: 'TCP port (0: any free port)' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (loopback unless told otherwise)' })
          .option('origin', { type: 'string', array: true, describe: 'a browser origin allowed besides the server\'s own, e.g. https://floor.example (repeatable)' })
          .option('runs', { type: 'string', default: 'runs', describe: 'folder that holds each game\'s run folder' })
          .option('resume', { type: 'string', describe: 'carry on a game from its run folder (runs/<id>) after a crash or stop' })
          .option('review', { type: 'string', describe: 'after-action review: replay a recorded game (runs/<id>) in the viewer, to watch, run and scrub' })
          .option('seed', { type: 'string', describe: "seed of every random stream (default: the scenario's)" })
          .option('cache', { type: 'boolean', default: true, describe: 'use the prepared-orbit cache' }),
      (a) => guarded(async () => (await import('./commands/serve.js')).serveCommand({ scenario: a.scenario, port: a.port, host: a.host, origin: a.origin, runs: a.runs, resume: a.resume, review: a.review, seed: a.seed, cache: a.cache })),
    )
    .command(
      'replay <run>',
      're-run a recorded live game headless from its event log and check its state hashes',
      (y) =>
        y
          .positional('run', { type: 'string', demandOption: true, describe: 'the game\'s run folder (runs/<id>)' })
          .option('scenario', { type: 'string', describe: 'the scenario file, if it moved since the game (its content must be the same)' })
          .option('json', { type: 'boolean', describe: 'print the result as JSON' })
          .option('cache', { type: 'boolean', default: true, describe: 'use the prepared-orbit cache' }),
      (a) => guarded(async () => (await import('./commands/replay.js')).replayCommand({ run: a.run, scenario: a.scenario, json: a.json, cache: a.cache })),
    )
    .command('schema', 'print the scenario JSON Schema', {}, () => guarded(async () => (await import('./commands/schema.js')).schemaCommand()))
    .demandCommand(1, 'give a command: validate, run, batch, merge, compare, coalition-value, access, serve, replay or schema')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err, y) => {
      if (err) throw err;
      const command = argv.find((a) => ['validate', 'run', 'batch', 'merge', 'compare', 'coalition-value', 'access', 'serve', 'replay', 'schema'].includes(a));
      process.stderr.write(`vigil: ${msg}\nrun 'vigil ${command ? `${command} ` : ''}--help' for usage\n`);
      void y;
      process.exit(EXIT_BAD_INPUT);
    })
    .parseAsync();
}

// Output piped into a reader that stops early (`vigil schema | head`): no stack trace; what is left of
// the output goes nowhere and the command ends with its own exit code.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

await main(hideBin(process.argv));
