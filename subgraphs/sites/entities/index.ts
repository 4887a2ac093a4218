import { AssetEntity } from './Asset';
import { BlackoutPeriodEntity } from './BlackoutPeriod';
import { SiteEntity } from './Site';
import { StaffMemberEntity } from './StaffMember';
import { TrainingEntity } from './Training';

export { AssetEntity, BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity };
export const sitesEntities = [SiteEntity, BlackoutPeriodEntity, StaffMemberEntity, TrainingEntity, AssetEntity];
