// Runs one of scripts/*.ts as a user would (through tsx, from the project root), or documented shell lines as a user's shell would, and collects what they printed.
import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../platform/project-root';

const TSX = resolve(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tsx scripts/<script> ...args` as `npm run` starts it from the project root, with `env` on top of this process's; never rejects. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return new Promise((done) => {
    execFile(TSX, [resolve(PROJECT_ROOT, 'scripts', script), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, INIT_CWD: PROJECT_ROOT, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/**
 * The environment of a user's own shell: none of the npm_* settings an `npm test` or `npm run -s`
 * around the tests would hand down (npm_config_loglevel=silent hides `npm run`'s banner, which a
 * user's terminal shows on stdout).
 */
function shellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

/**
 * Documented shell lines (`npm run …`, `curl …`) run in one bash from the project root, as a user's
 * shell would, with `env` on top; `-e` stops at the first line that fails. Never rejects on a failed command.
 */
export function runInShell(lines: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return new Promise((done, failed) => {
    const child = spawn('bash', ['-e', '-c', lines.join('\n')], {
      cwd: PROJECT_ROOT,
      env: { ...shellEnv(), INIT_CWD: PROJECT_ROOT, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', failed);
    child.once('exit', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}
