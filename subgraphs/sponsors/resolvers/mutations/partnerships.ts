// What a sponsor puts into a partnership beyond one trial: training, equipment, staff, technology.
import type { EntityManager } from 'typeorm';
import { describeCaller } from '../../../shared/access';
import { badUserInput } from '../../../shared/errors';
import { mutation } from '../../../shared/writes';
import { ACCEPTED_BY_SITE } from '../../access';
import { InvestmentEntity, PartnershipEntity } from '../../entities';
import type { RecordInvestmentInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { bySponsor, newId } from './ownership';
import * as check from './validation';

/** The investment as stored, checked. */
const investment = (input: RecordInvestmentInput) => ({
  kind: input.kind,
  description: check.text(input.description, 'input.description', 1000),
  amount: check.money(input.amount.amount, 'input.amount.amount'),
  currency: check.currency(input.amount.currency, 'input.amount.currency'),
  reusableBeyondTrial: input.reusableBeyondTrial,
  investedOn: input.investedOn,
});

export const recordInvestment = mutation({
  ...bySponsor('record investments in its partnerships'),
  check: (input: RecordInvestmentInput) => investment(input),
  // An investment belongs to a partnership; the site accepting one of the sponsor's selections is what starts one.
  async record(manager: EntityManager, input: RecordInvestmentInput, { caller }: SponsorsContext) {
    const partnership = await manager
      .getRepository(PartnershipEntity)
      .createQueryBuilder('partnership')
      .where('partnership.sponsor_id = :sponsorId AND partnership.site_id = :siteId', { sponsorId: caller.orgId, siteId: input.siteId })
      .andWhere(ACCEPTED_BY_SITE)
      .getOne();
    if (!partnership) {
      throw badUserInput(
        `${describeCaller(caller)} does not partner with site ${input.siteId}: a partnership starts when the site accepts one of its selections`,
        'input.siteId',
      );
    }
    return partnership;
  },
  async write(manager, partnership, _input, _context, investment): Promise<PartnershipEntity> {
    await manager.insert(InvestmentEntity, { id: newId('investment'), partnershipId: partnership.id, ...investment });
    return manager.findOneByOrFail(PartnershipEntity, { id: partnership.id });
  },
});
