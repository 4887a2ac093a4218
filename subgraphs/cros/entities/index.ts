import { CroEntity } from './Cro';
import { EngagementEntity, type CommunicationPlanColumns } from './Engagement';
import { EngagementActionEntity } from './EngagementAction';
import { KpiAgreementEntity } from './KpiAgreement';
import { MonitoringVisitEntity } from './MonitoringVisit';
import { ResponsibilityEntity } from './Responsibility';
import { StaffAssignmentEntity } from './StaffAssignment';

export type { CommunicationPlanColumns };
export {
  CroEntity,
  EngagementEntity,
  EngagementActionEntity,
  KpiAgreementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
};
export const crosEntities = [
  CroEntity,
  EngagementEntity,
  ResponsibilityEntity,
  KpiAgreementEntity,
  EngagementActionEntity,
  MonitoringVisitEntity,
  StaffAssignmentEntity,
];
