// npm start's supervisor on its own, with real processes that die at once: every death is reported
// with how the process ended, restarts follow the backoff, and a run of deaths ends with a clear
// line that it gives up. (test/start.test.ts kills a real subgraph under the real npm start.)
import { type ChildProcess, spawn } from 'node:child_process';
import { Supervisor } from '../scripts/supervisor';

/** A process that runs until killed, once it is ready (spawned). */
function longLived(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((ready) => child.once('spawn', () => ready(child)));
}

/** A process that is ready, then exits with the given code a moment later. */
function dying(code: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `setTimeout(() => process.exit(${code}), 50)`], { stdio: 'ignore' });
  return new Promise((ready) => child.once('spawn', () => ready(child)));
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((wake) => setTimeout(wake, 20));
};

test('a service killed by a signal is reported with the signal and restarted', async () => {
  const lines: string[] = [];
  const supervisor = new Supervisor({ say: (line) => lines.push(line), backoffMs: [10] });
  const first = await longLived();
  supervisor.watch('sites subgraph', first, longLived);
  first.kill('SIGKILL');
  await until(() => lines.some((line) => line.includes('is back')));
  const second = supervisor.processes().get('sites subgraph')!;
  expect(lines[0]).toBe(`sites subgraph (pid ${first.pid}) died: killed by SIGKILL; restarting it in 0.01 s (attempt 1 of 1).`);
  expect(lines[1]).toMatch(new RegExp(`^sites subgraph is back \\(pid ${second.pid}\\), \\d+\\.\\d s after its restart\\.$`));
  expect(second.pid).not.toBe(first.pid);
  expect(second.exitCode).toBeNull();
  await supervisor.stop();
  expect(second.signalCode).toBe('SIGTERM');
});

test('a service that keeps dying is restarted as often as the backoff allows, then given up on with a clear line', async () => {
  const lines: string[] = [];
  const supervisor = new Supervisor({ say: (line) => lines.push(line), backoffMs: [10, 20] });
  supervisor.watch('gateway', await dying(3), () => dying(3));
  await until(() => lines.some((line) => line.includes('not restarting it again')));
  const deaths = lines.filter((line) => line.includes('died: exited with code 3'));
  expect(deaths).toHaveLength(3);
  expect(deaths[0]).toMatch(/^gateway \(pid \d+\) died: exited with code 3; restarting it in 0\.01 s \(attempt 1 of 2\)\.$/);
  expect(deaths[1]).toMatch(/^gateway \(pid \d+\) died: exited with code 3; restarting it in 0\.02 s \(attempt 2 of 2\)\.$/);
  expect(deaths[2]).toMatch(/^gateway \(pid \d+\) died: exited with code 3\. It died 3 times in a row: not restarting it again/);
  expect(lines.filter((line) => line.includes('is back'))).toHaveLength(2);
  await supervisor.stop();
});
