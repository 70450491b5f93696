import { cliFailureJson, describeCliFailure, wantsJson } from './cli-failure';
import { createProgram } from './program';

// A reader that stops early (`| head`) is not an error: stop writing quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
// With --json, stdout carries one JSON document on every path: commander's own error text and the help it
// prints after an error are replaced by the JSON error below.
const json = wantsJson(process.argv);
const program = await createProgram({ json, args: process.argv.slice(2) });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const failure = describeCliFailure(err);
  if (failure === undefined) process.exit((err as { exitCode?: number }).exitCode ?? 0);
  if (json) process.stdout.write(cliFailureJson(failure));
  else if (failure.unexpected) throw err;
  else if (!failure.printedByCommander) process.stderr.write(`marketlens: ${failure.message}\n`);
  process.exit(failure.exitCode);
}
