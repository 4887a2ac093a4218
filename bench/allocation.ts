// What a process spends over a stretch of time: the bytes it allocates on its JavaScript heap, and
// its CPU time. V8 counts what is in use, not what was allocated, so: what is in use at the end,
// minus what was in use at the start, plus what every garbage collection in between freed (V8's
// GCProfiler reports the heap before and after each one). Buffers' memory outside the heap (socket
// and file data) is not counted, nor PGlite's WebAssembly memory, which is allocated once. CPU time
// is the process's own, user and system, all its threads (garbage collection and libuv's included).
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface Spent {
  /** Bytes allocated on the JavaScript heap. */
  bytes: number;
  /** CPU time, user and system, in microseconds. */
  cpuMicros: number;
}

export interface AllocationMeter {
  /** Stops measuring: what the process spent since the meter was made. */
  stop(): Spent;
}

export function measureAllocation(): AllocationMeter {
  const profiler = new GCProfiler();
  const usedAtStart = getHeapStatistics().used_heap_size;
  profiler.start();
  const cpuAtStart = process.cpuUsage();
  return {
    stop() {
      const cpu = process.cpuUsage(cpuAtStart);
      const usedAtEnd = getHeapStatistics().used_heap_size;
      const { statistics } = profiler.stop();
      const freed = statistics.reduce((sum, gc) => sum + Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize), 0);
      return { bytes: usedAtEnd - usedAtStart + freed, cpuMicros: cpu.user + cpu.system };
    },
  };
}
