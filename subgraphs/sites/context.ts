// What every resolver of the sites subgraph receives: made afresh for each request, so loaders
// and the access policy never carry one caller's answers into another's request.
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../shared/subgraph-service';
import { createSitesAccess, type SitesAccess } from './access';
import { createSitesLoaders, type SitesLoaders } from './loaders';

export interface SitesContext extends RequestContext {
  db: DataSource;
  loaders: SitesLoaders;
  /** The caller's read rules: resolvers and loaders ask it, and nothing else, what the caller may see. */
  access: SitesAccess;
}

export function createSitesContext(request: RequestContext, db: DataSource): SitesContext {
  return { ...request, db, loaders: createSitesLoaders(db), access: createSitesAccess(request) };
}
