import { listableReviews } from '../access';
import { AdvocateReviewEntity } from '../entities';
import { REVIEW_ORDER, type InsightsContext } from '../loaders';
import { optionalId } from './arguments';

export const Query = {
  advocateReviews: async (_: unknown, args: { trialId?: string | null }, context: InsightsContext) => {
    const where = await listableReviews(context, optionalId(args.trialId, 'trialId'));
    if (where === null) return [];
    return context.db.getRepository(AdvocateReviewEntity).find({ where, relations: { findings: true }, order: REVIEW_ORDER });
  },
};
