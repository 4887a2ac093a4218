import type { DataSource } from 'typeorm';
import type { DemoDataset } from '../../seed/model';
import { bulkLoad, insertInChunks } from '../shared/seeding';
import {
  CroEntity,
  EngagementActionEntity,
  EngagementEntity,
  KpiAgreementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
} from './entities';

/** Stores the CROs' slice of a demo dataset, all or nothing. */
export async function seedCros(
  db: DataSource,
  dataset: Pick<DemoDataset, 'cros' | 'engagements' | 'monitoringVisits' | 'staffAssignments'>,
): Promise<void> {
  await bulkLoad(db, () =>
    db.transaction(async (tx) => {
      await insertInChunks(tx, CroEntity, dataset.cros.map((cro) => ({ ...cro })));
      await insertInChunks(
        tx,
        EngagementEntity,
        dataset.engagements.map((engagement) => ({
          id: engagement.id,
          croId: engagement.croId,
          sponsorId: engagement.sponsorId,
          trialId: engagement.trialId,
          servicesInScope: engagement.servicesInScope,
          startsOn: engagement.startsOn,
          endsOn: engagement.endsOn,
          communicationCadence: engagement.communicationPlan?.cadence ?? null,
          communicationLanguages: engagement.communicationPlan?.languages ?? null,
          escalationPath: engagement.communicationPlan?.escalationPath ?? null,
        })),
      );
      await insertInChunks(
        tx,
        ResponsibilityEntity,
        dataset.engagements.flatMap((engagement) =>
          engagement.responsibilities.map((responsibility) => ({ ...responsibility, engagementId: engagement.id })),
        ),
      );
      await insertInChunks(
        tx,
        KpiAgreementEntity,
        dataset.engagements.flatMap((engagement) => engagement.kpis.map((kpi) => ({ ...kpi, engagementId: engagement.id }))),
      );
      await insertInChunks(
        tx,
        EngagementActionEntity,
        dataset.engagements.flatMap((engagement) =>
          engagement.actions.map((action) => ({
            ...action,
            engagementId: engagement.id,
            raisedAt: new Date(action.raisedAt),
            resolvedAt: action.resolvedAt === null ? null : new Date(action.resolvedAt),
          })),
        ),
      );
      await insertInChunks(tx, MonitoringVisitEntity, dataset.monitoringVisits.map((visit) => ({ ...visit })));
      await insertInChunks(tx, StaffAssignmentEntity, dataset.staffAssignments.map((assignment) => ({ ...assignment })));
    }),
  );
}
