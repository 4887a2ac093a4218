// Bytes allocated on the JavaScript heap over a stretch of time, in the process that calls it.
// V8 counts what is in use, not what was allocated, so: what is in use at the end, minus what was
// in use at the start, plus what every garbage collection in between freed (V8's GCProfiler
// reports the heap before and after each one). Buffers' memory outside the heap (socket and file
// data) is not counted, nor PGlite's WebAssembly memory, which is allocated once.
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface AllocationMeter {
  /** Stops measuring: the bytes allocated since the meter was made. */
  stop(): number;
}

export function measureAllocation(): AllocationMeter {
  const profiler = new GCProfiler();
  const usedAtStart = getHeapStatistics().used_heap_size;
  profiler.start();
  return {
    stop() {
      const usedAtEnd = getHeapStatistics().used_heap_size;
      const { statistics } = profiler.stop();
      const freed = statistics.reduce((sum, gc) => sum + Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize), 0);
      return usedAtEnd - usedAtStart + freed;
    },
  };
}
