// How long a request's shared context lives (subgraphs/shared/request-contexts.ts): while its calls
// keep coming, never past its maximum age, and never past its idle time, whether or not the whole
// map was swept since.
import { requestContexts } from '../subgraphs/shared/request-contexts';

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

let made = 0;
const make = () => ({ made: ++made });

test('calls within the idle time share the context; one after it gets a new one', () => {
  const contexts = requestContexts<{ made: number }>({ idleMs: 1000, maxAgeMs: 30_000 });
  const first = contexts.contextOf('r1', 'token', make).context;
  jest.advanceTimersByTime(900);
  expect(contexts.contextOf('r1', 'token', make).context).toBe(first);
  jest.advanceTimersByTime(900);
  expect(contexts.contextOf('r1', 'token', make).context).toBe(first);
  jest.advanceTimersByTime(1000);
  expect(contexts.contextOf('r1', 'token', make).context).not.toBe(first);
});

test('a context idle past its time is not handed out just after another call swept the map', () => {
  const contexts = requestContexts<{ made: number }>({ idleMs: 1000, maxAgeMs: 30_000 });
  const first = contexts.contextOf('r1', 'token', make).context;
  jest.advanceTimersByTime(950);
  contexts.contextOf('r2', 'token', make); // sweeps: r1 is not idle yet
  jest.advanceTimersByTime(60); // r1 idle 1010 ms, the last sweep 60 ms ago
  expect(contexts.contextOf('r1', 'token', make).context).not.toBe(first);
});

test('a context in constant use is replaced at its maximum age', () => {
  const contexts = requestContexts<{ made: number }>({ idleMs: 1000, maxAgeMs: 3000 });
  const first = contexts.contextOf('r1', 'token', make).context;
  for (let elapsed = 500; elapsed < 3000; elapsed += 500) {
    jest.advanceTimersByTime(500);
    expect(contexts.contextOf('r1', 'token', make).context).toBe(first);
  }
  jest.advanceTimersByTime(500);
  expect(contexts.contextOf('r1', 'token', make).context).not.toBe(first);
});

test('another token or request id never shares it, and the oldest go first past the maximum count', () => {
  const contexts = requestContexts<{ made: number }>({ maxEntries: 2 });
  const first = contexts.contextOf('r1', 'token-a', make).context;
  expect(contexts.contextOf('r1', 'token-b', make).context).not.toBe(first);
  expect(contexts.contextOf('r2', 'token-a', make).context).not.toBe(first);
  expect(contexts.contextOf('r1', 'token-a', make).context).not.toBe(first); // dropped for r2's
});
