// What a sponsor puts into a partnership beyond one trial: training, equipment, staff, technology.
import { describeCaller } from '../../../shared/access';
import { badUserInput } from '../../../shared/errors';
import { inTransaction } from '../../../shared/writes';
import { InvestmentEntity, PartnershipEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';
import { newId, requireSponsor } from './ownership';
import * as check from './validation';

interface RecordInvestmentInput {
  siteId: string;
  kind: string;
  description: string;
  amount: { amount: number; currency: string };
  reusableBeyondTrial: boolean;
  investedOn: string;
}

export async function recordInvestment(input: RecordInvestmentInput, context: SponsorsContext): Promise<PartnershipEntity> {
  const { caller, db } = context;
  requireSponsor(caller, 'record investments in its partnerships');
  const investment = {
    kind: input.kind,
    description: check.text(input.description, 'input.description', 1000),
    amount: check.money(input.amount.amount, 'input.amount.amount'),
    currency: check.currency(input.amount.currency, 'input.amount.currency'),
    reusableBeyondTrial: input.reusableBeyondTrial,
    investedOn: input.investedOn,
  };
  // An investment belongs to a partnership; selecting the site for a trial is what starts one.
  const partnership = await db.getRepository(PartnershipEntity).findOneBy({ sponsorId: caller.orgId, siteId: input.siteId });
  if (!partnership) {
    throw badUserInput(`${describeCaller(caller)} does not partner with site ${input.siteId}: select it for a trial first`, 'input.siteId');
  }

  return inTransaction(db, async (manager) => {
    await manager.insert(InvestmentEntity, { id: newId('investment'), partnershipId: partnership.id, ...investment });
    return manager.findOneByOrFail(PartnershipEntity, { id: partnership.id });
  });
}
