import type { DataSource } from 'typeorm';
import type { DemoDataset } from '../../seed/model';
import { DAY_MS, today } from '../shared/dates';
import { bulkLoad, insertInChunks } from '../shared/seeding';
import {
  InvestmentEntity,
  PartnershipEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ProtocolVersionEntity,
  ReviewInvitationEntity,
  SponsorEntity,
  TrialEntity,
  TrialSiteEntity,
} from './entities';

export type SponsorsSlice = Pick<
  DemoDataset,
  'sponsors' | 'trials' | 'trialSites' | 'partnerships' | 'pipeline' | 'feedback' | 'advocateReviews'
>;

/** How long before its first review a group was invited to make it, in the demo data. */
const INVITED_DAYS_BEFORE_REVIEW = 30;

/**
 * The demo data records reviews, not invitations: each group that reviewed a trial was invited to,
 * a month before its first review of it (but never after today: an invitation is not made ahead).
 */
export function invitationsFromReviews(reviews: SponsorsSlice['advocateReviews'], on = today()) {
  const firstReview = new Map<string, { trialId: string; advocacyGroupId: string; reviewedOn: string }>();
  for (const { trialId, advocacyGroupId, reviewedOn } of reviews) {
    const key = `${trialId}\u0000${advocacyGroupId}`;
    const known = firstReview.get(key);
    if (!known || reviewedOn < known.reviewedOn) firstReview.set(key, { trialId, advocacyGroupId, reviewedOn });
  }
  return [...firstReview.values()].map(({ trialId, advocacyGroupId, reviewedOn }) => {
    const invitedOn = new Date(Date.parse(`${reviewedOn}T00:00:00Z`) - INVITED_DAYS_BEFORE_REVIEW * DAY_MS).toISOString().slice(0, 10);
    return { id: `invitation-${trialId}-${advocacyGroupId}`, trialId, advocacyGroupId, invitedOn: invitedOn < on ? invitedOn : on };
  });
}

/** Stores the sponsors' slice of a demo dataset, all or nothing. */
export async function seedSponsors(db: DataSource, dataset: SponsorsSlice): Promise<void> {
  await bulkLoad(db, () =>
    db.transaction(async (tx) => {
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
      await insertInChunks(tx, ReviewInvitationEntity, invitationsFromReviews(dataset.advocateReviews));
    }),
  );
}
