import type { RequestHandler } from 'express';
import type { ServiceMetrics } from './metrics';
import { enterRequestScope } from './request-scope';
import { traceRequests, type ServiceTracing } from './tracing';

/**
 * Express middleware: what every service does with each request once its request id is settled
 * (`res.locals.requestId`): its scope (the id in every log line), its server span, its metrics.
 */
export function observedRequests(metrics: ServiceMetrics, tracing: ServiceTracing): RequestHandler[] {
  return [enterRequestScope, traceRequests(tracing), metrics.observeRequests()];
}
