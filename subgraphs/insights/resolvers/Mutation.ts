// Writes. Each is for the one party its rule names (platform admins read everything but write
// nothing), is checked before anything is stored, asks the sponsors subgraph what it must before
// the transaction, and stores everything in one transaction or nothing.
import { randomUUID } from 'node:crypto';
import { describeCaller, requireParty } from '../../shared/access';
import { badUserInput, forbidden } from '../../shared/errors';
import { claimVersion, inTransaction } from '../../shared/writes';
import { advocateInvited, RULES, sponsorsTrial } from '../access';
import { AdvocateReviewEntity, ReviewFindingEntity, type SponsorDecision } from '../entities';
import { REVIEW_ORDER, type InsightsContext } from '../loaders';
import { submitSurveyResponses } from './survey-submission';
import { notInFuture } from '../../shared/dates';
import { referenceId, text, wholeNumberError } from './validation';

/** Most findings in one review: a review is a reading of one protocol, not a backlog. */
const MAX_FINDINGS = 50;
const MAX_AREA_LENGTH = 200;
const MAX_RECOMMENDATION_LENGTH = 2000;
/** Far beyond any protocol's amendments; a larger number is a typo. */
const MAX_PROTOCOL_VERSION = 1000;

interface RecordAdvocateReviewInput {
  trialId: string;
  protocolVersion: number;
  format: AdvocateReviewEntity['format'];
  reviewedOn: string;
  findings: { area: string; severity: ReviewFindingEntity['severity']; recommendation: string }[];
}

interface DecideOnFindingInput {
  findingId: string;
  expectedVersion: number;
  decision: SponsorDecision;
}

function checkedReview(input: RecordAdvocateReviewInput) {
  const version = wholeNumberError(input.protocolVersion, 'input.protocolVersion', 1, MAX_PROTOCOL_VERSION);
  if (version) throw badUserInput(version.message, version.field);
  if (input.findings.length > MAX_FINDINGS) {
    throw badUserInput(`input.findings holds ${input.findings.length} findings; a review records at most ${MAX_FINDINGS}`, 'input.findings');
  }
  return {
    trialId: referenceId(input.trialId, 'input.trialId'),
    protocolVersion: input.protocolVersion,
    format: input.format,
    reviewedOn: notInFuture(input.reviewedOn, 'input.reviewedOn'),
    findings: input.findings.map((finding, i) => ({
      area: text(finding.area, `input.findings[${i}].area`, MAX_AREA_LENGTH),
      severity: finding.severity,
      recommendation: text(finding.recommendation, `input.findings[${i}].recommendation`, MAX_RECOMMENDATION_LENGTH, { multiline: true }),
    })),
  };
}

export const Mutation = {
  submitSurveyResponses,

  /**
   * The review is the caller's group's, of a trial its sponsor invited the group to review: the
   * sponsors subgraph shows an advocate a trial exactly then, so it is asked (as the caller) before
   * the transaction. A trial it does not know is refused the same way, revealing nothing.
   */
  recordAdvocateReview: async (_: unknown, { input }: { input: RecordAdvocateReviewInput }, context: InsightsContext) => {
    const { caller, db } = context;
    requireParty(caller, ['PATIENT_ADVOCATE'], RULES.reviewAuthor, 'record advocate reviews');
    const { findings, ...review } = checkedReview(input);
    if (!(await advocateInvited(context, review.trialId))) {
      throw forbidden(
        RULES.reviewAuthor,
        `Trial ${review.trialId}'s sponsor has not invited ${describeCaller(caller)} to review its protocol; a group reviews a protocol at the sponsor's invitation`,
      );
    }
    const reviewId = `review-${randomUUID()}`;
    return inTransaction(db, async (manager) => {
      await manager.insert(AdvocateReviewEntity, { id: reviewId, advocacyGroupId: caller.orgId, ...review });
      if (findings.length > 0) {
        await manager.insert(
          ReviewFindingEntity,
          findings.map((finding) => ({ id: `finding-${randomUUID()}`, reviewId, ...finding, sponsorDecision: 'PENDING' as const })),
        );
      }
      return manager.findOneOrFail(AdvocateReviewEntity, { where: { id: reviewId }, relations: { findings: true }, order: REVIEW_ORDER });
    });
  },

  decideOnFinding: async (_: unknown, { input }: { input: DecideOnFindingInput }, context: InsightsContext) => {
    const { caller, db } = context;
    requireParty(caller, ['SPONSOR'], RULES.findingDecision, "decide on advocates' findings");
    if (input.decision === 'PENDING') {
      throw badUserInput('input.decision must be ADOPTED, PARTIALLY_ADOPTED or DECLINED: PENDING is where findings start, not a decision', 'input.decision');
    }
    const finding = await db.getRepository(ReviewFindingEntity).findOne({ where: { id: input.findingId }, relations: { review: true } });
    if (!finding) throw badUserInput(`There is no finding ${input.findingId}`, 'input.findingId');
    // Which trial a finding is about never changes, so it is safe to ask before the transaction.
    if (!(await sponsorsTrial(context, finding.review.trialId))) {
      throw forbidden(
        RULES.findingDecision,
        `Only the sponsor of the trial a finding is about may decide on it; ${describeCaller(caller)} does not sponsor the trial finding ${finding.id} is about`,
      );
    }
    return inTransaction(db, async (manager) => {
      await claimVersion(manager, { table: 'review_findings', what: 'Finding', idField: 'input.findingId' }, finding.id, input.expectedVersion);
      await manager.update(ReviewFindingEntity, { id: finding.id }, { sponsorDecision: input.decision });
      return manager.findOneByOrFail(ReviewFindingEntity, { id: finding.id });
    });
  },
};
