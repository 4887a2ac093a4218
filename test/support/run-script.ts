// Runs one of scripts/*.ts as a user would (through tsx, from the project root) and collects what it printed.
import { execFile } from 'node:child_process';
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
