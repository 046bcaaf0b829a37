/**
 * Exit codes and how the CLI speaks when something goes wrong: plain words on stderr, no stack trace
 * (set VIGIL_DEBUG=1 to see one). 0 ok, 2 bad input, 1 anything else.
 */
import { formatProblem, type Problem } from '../scenarios/problems.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A usage or input error the user can fix: printed without a stack, exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Print problems (errors and warnings) to stderr with source lines and carets. */
export function printProblems(problems: readonly Problem[], sources: Map<string, string>): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p, (f) => sources.get(f))}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length > 0) process.stderr.write(`${errors} error(s), ${warnings} warning(s)\n`);
}

/** Run a command body; map errors to exit codes and plain messages. */
export async function guarded(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`vigil: ${e.message}\n`);
      code = EXIT_BAD_INPUT;
    } else {
      process.stderr.write(`vigil: internal error: ${(e as Error).message}\n`);
      if (process.env.VIGIL_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      else process.stderr.write('vigil: set VIGIL_DEBUG=1 for the stack trace, and report it with the scenario\n');
      code = EXIT_FAILURE;
    }
  }
  process.exitCode = code;
  return undefined as never;
}
