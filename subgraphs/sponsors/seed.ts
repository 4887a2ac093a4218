import type { DataSource } from 'typeorm';
import type { DemoDataset } from '../../seed/model';
import { insertInChunks } from '../shared/seeding';
import {
  InvestmentEntity,
  PartnershipEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ProtocolVersionEntity,
  SponsorEntity,
  TrialEntity,
  TrialSiteEntity,
} from './entities';

export type SponsorsSlice = Pick<DemoDataset, 'sponsors' | 'trials' | 'trialSites' | 'partnerships' | 'pipeline' | 'feedback'>;

/** Stores the sponsors' slice of a demo dataset, all or nothing. */
export async function seedSponsors(db: DataSource, dataset: SponsorsSlice): Promise<void> {
  await db.transaction(async (tx) => {
    await insertInChunks(tx, SponsorEntity, dataset.sponsors.map((sponsor) => ({ ...sponsor })));
    await insertInChunks(
      tx,
      TrialEntity,
      dataset.trials.map(({ protocolVersions: _versions, ...trial }) => trial),
    );
    await insertInChunks(
      tx,
      ProtocolVersionEntity,
      dataset.trials.flatMap((trial) =>
        trial.protocolVersions.map(({ endpoints, ...version }) => ({
          ...version,
          trialId: trial.id,
          primaryEndpoints: endpoints.primary,
          secondaryEndpoints: endpoints.secondary,
          otherEndpoints: endpoints.other,
        })),
      ),
    );
    await insertInChunks(tx, TrialSiteEntity, dataset.trialSites.map((trialSite) => ({ ...trialSite })));
    await insertInChunks(
      tx,
      PartnershipEntity,
      dataset.partnerships.map(({ investments: _investments, ...partnership }) => partnership),
    );
    await insertInChunks(
      tx,
      InvestmentEntity,
      dataset.partnerships.flatMap((partnership) =>
        partnership.investments.map((investment) => ({ ...investment, partnershipId: partnership.id })),
      ),
    );
    await insertInChunks(
      tx,
      PipelineProgramEntity,
      dataset.pipeline.map(({ sharedWithSiteIds: _sites, ...program }) => program),
    );
    await insertInChunks(
      tx,
      PipelineShareEntity,
      dataset.pipeline.flatMap((program) => program.sharedWithSiteIds.map((siteId) => ({ programId: program.id, siteId }))),
    );
    await insertInChunks(
      tx,
      ProtocolFeedbackEntity,
      dataset.feedback.map((item) => ({
        ...item,
        raisedAt: new Date(item.raisedAt),
        respondedAt: item.respondedAt === null ? null : new Date(item.respondedAt),
      })),
    );
  });
}
