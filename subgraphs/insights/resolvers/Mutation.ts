// Writes. Each is for the one party its rule names (platform admins read everything but write
// nothing), is checked before anything is stored, asks the sponsors subgraph what it must before
// the transaction, and stores everything in one transaction or nothing (the shared write path).
import { randomUUID } from 'node:crypto';
import { describeCaller } from '../../shared/access';
import { badUserInput } from '../../shared/errors';
import { mutation, writableRecord } from '../../shared/writes';
import { notInFuture } from '../../shared/dates';
import { RULES } from '../access';
import { AdvocateReviewEntity, ReviewFindingEntity } from '../entities';
import type { MutationResolvers, RecordAdvocateReviewInput } from '../generated/resolvers';
import { REVIEW_ORDER } from '../loaders';
import { submitSurveyResponses } from './survey-submission';
import { referenceId, text, wholeNumberError } from './validation';

/** Most findings in one review: a review is a reading of one protocol, not a backlog. */
const MAX_FINDINGS = 50;
const MAX_AREA_LENGTH = 200;
const MAX_RECOMMENDATION_LENGTH = 2000;
/** Far beyond any protocol's amendments; a larger number is a typo. */
const MAX_PROTOCOL_VERSION = 1000;

/** The review as stored, or BAD_USER_INPUT naming the first field at fault. Pure: it reads nothing. */
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

export const Mutation: MutationResolvers = {
  submitSurveyResponses,

  /**
   * The review is the caller's group's, of a trial its sponsor invited the group to review: the
   * sponsors subgraph shows an advocate a trial exactly then, so it is asked (as the caller) before
   * the transaction. A trial it does not know is refused the same way, revealing nothing.
   */
  recordAdvocateReview: mutation({
    what: 'record advocate reviews',
    parties: ['PATIENT_ADVOCATE'],
    rule: RULES.reviewAuthor,
    async check(input, { access, caller }) {
      const review = checkedReview(input);
      await writableRecord(review.trialId, (trialId) => access.invitedToReview(trialId), {
        rule: RULES.reviewAuthor,
        field: 'input.trialId',
        writer: "A group reviews a protocol at its sponsor's invitation",
        record: `trial whose sponsor invited ${describeCaller(caller)} to review its protocol`,
      });
      return review;
    },
    // A new review hangs off nothing stored here: the record is the checked input, as it will be stored.
    record: async (_manager, _input, _context, review) => review,
    async write(manager, { findings, ...review }, _input, { caller }) {
      const reviewId = `review-${randomUUID()}`;
      await manager.insert(AdvocateReviewEntity, { id: reviewId, advocacyGroupId: caller.orgId, ...review });
      if (findings.length > 0) {
        await manager.insert(
          ReviewFindingEntity,
          findings.map((finding) => ({ id: `finding-${randomUUID()}`, reviewId, ...finding, sponsorDecision: 'PENDING' as const })),
        );
      }
      return manager.findOneOrFail(AdvocateReviewEntity, { where: { id: reviewId }, relations: { findings: true }, order: REVIEW_ORDER });
    },
  }),

  decideOnFinding: mutation({
    what: "decide on advocates' findings",
    parties: ['SPONSOR'],
    rule: RULES.findingDecision,
    async check(input, { access, caller, db }) {
      if (input.decision === 'PENDING') {
        throw badUserInput('input.decision must be ADOPTED, PARTIALLY_ADOPTED or DECLINED: PENDING is where findings start, not a decision', 'input.decision');
      }
      // The owner is the trial's sponsor, which only the sponsors subgraph can say, so it is asked
      // here, before the transaction. Which trial a finding is about never changes, so it is safe.
      // A finding on another sponsor's trial and no finding at all are refused alike: findings are private.
      const finding = await db.getRepository(ReviewFindingEntity).findOne({ where: { id: input.findingId }, relations: { review: true } });
      await writableRecord(finding, (found) => access.sponsorsTrial(found.review.trialId), {
        rule: RULES.findingDecision,
        field: 'input.findingId',
        writer: 'Only the sponsor of the trial a finding is about may decide on it',
        record: `finding on a trial of ${describeCaller(caller)}`,
      });
    },
    // Checked above; claiming its version reads it again inside the transaction.
    record: async (_manager, input) => ({ id: input.findingId }),
    version: { table: 'review_findings', what: 'Finding', idField: 'input.findingId', id: (finding) => finding.id, expected: (input) => input.expectedVersion },
    async write(manager, finding, input) {
      await manager.update(ReviewFindingEntity, { id: finding.id }, { sponsorDecision: input.decision });
      return manager.findOneByOrFail(ReviewFindingEntity, { id: finding.id });
    },
  }),
};
