// What the project's commands (npm run compose, check, operations) do alike: exit with the code
// their work returns, or 2 with a one-line message (and the usage, for a bad flag) when it throws;
// and replace a file so that a reader watching it never reads half of one.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Runs a command's work and exits with its code; an error (parseArgs's unknown flag or missing
 * value, a bad input of ours, or a bug) is one line on stderr and exit code 2, with the usage when
 * `showUsage` says the error is about how the command was called. `reportOnStdout`, when given,
 * also writes that line where the command's report goes (check --json: CI reads one document).
 */
export function runCommand(
  work: () => Promise<number>,
  usage: string,
  showUsage: (error: Error) => boolean = () => false,
  reportOnStdout?: (line: string, error: Error) => string,
): void {
  work().then(
    (code) => process.exit(code),
    (error: Error) => {
      const parseError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false;
      const line = error.message.split('\n')[0];
      process.stderr.write(`${line}${parseError || showUsage(error) ? `\n${usage}` : ''}\n`);
      if (reportOnStdout) process.stdout.write(reportOnStdout(line, error));
      process.exit(2);
    },
  );
}

/** Writes the file beside its target and moves it over it: a gateway watching it never reads half of one. */
export function replaceFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const next = `${path}.${process.pid}.next`;
  writeFileSync(next, text);
  renameSync(next, path);
}
