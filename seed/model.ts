// The demo dataset: generated once for a seed, then each subgraph stores its own slice. Shapes
// follow the domain, not any one database; dates are 'yyyy-MM-dd', instants ISO 8601 strings.

export type IsoDate = string;
export type IsoInstant = string;

export interface SiteRecord {
  id: string;
  name: string;
  kind: 'ACADEMIC_MEDICAL_CENTER' | 'HOSPITAL' | 'RESEARCH_CENTER' | 'COMMUNITY_CLINIC' | 'SITE_NETWORK_MEMBER';
  city: string;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
  lat: number;
  lon: number;
  timezone: string;
  languages: string[];
  therapeuticAreas: string[];
  communitiesServed: string[];
  capacity: {
    maxConcurrentTrials: number;
    coordinatorFte: number;
    weeklyVisitSlots: number;
    blackoutPeriods: { startsOn: IsoDate; endsOn: IsoDate; reason: string | null }[];
  };
  staff: {
    id: string;
    role: 'PRINCIPAL_INVESTIGATOR' | 'SUB_INVESTIGATOR' | 'STUDY_COORDINATOR' | 'REGULATORY_SPECIALIST' | 'PHARMACIST' | 'DATA_MANAGER';
    fte: number;
    startedOn: IsoDate;
    endedOn: IsoDate | null;
    trainings: { name: string; completedOn: IsoDate; expiresOn: IsoDate | null }[];
  }[];
  assets: {
    id: string;
    kind: 'IMAGING' | 'LAB_EQUIPMENT' | 'INFUSION_CHAIR' | 'FREEZER' | 'SOFTWARE' | 'OTHER';
    description: string;
    quantity: number;
    fundedBySponsorId: string | null;
    reusable: boolean;
  }[];
  sharingPolicy: Record<'capacity' | 'staff' | 'assets', 'SITE_ONLY' | 'PARTNERS' | 'ALL_AUTHENTICATED'>;
}

export type TrialPhase = 'EARLY_PHASE_1' | 'PHASE_1' | 'PHASE_1_2' | 'PHASE_2' | 'PHASE_2_3' | 'PHASE_3' | 'PHASE_4' | 'NOT_APPLICABLE';

export interface SponsorRecord {
  id: string;
  name: string;
  kind: 'INDUSTRY' | 'ACADEMIC' | 'GOVERNMENT' | 'NONPROFIT' | 'OTHER';
  countryCode: string | null;
}

export interface ProtocolVersionRecord {
  version: number;
  effectiveOn: IsoDate;
  amendmentReason: string | null;
  visits: { number: number; name: string; dayOffset: number; durationMinutes: number; procedures: string[] }[];
  procedures: { name: string; invasive: boolean; patientReported: boolean; durationMinutes: number }[];
  inclusionCriteriaCount: number | null;
  exclusionCriteriaCount: number | null;
  endpoints: { primary: number; secondary: number; other: number };
  countries: string[];
}

export interface TrialRecord {
  id: string;
  nctId: string;
  sponsorId: string;
  title: string;
  phase: TrialPhase;
  status: 'PLANNED' | 'STARTUP' | 'ENROLLING' | 'FOLLOW_UP' | 'COMPLETED' | 'TERMINATED';
  therapeuticArea: string;
  conditions: string[];
  enrollmentTarget: number | null;
  plannedStartOn: IsoDate | null;
  plannedEndOn: IsoDate | null;
  protocolVersions: ProtocolVersionRecord[];
}

export interface TrialSiteRecord {
  id: string;
  trialId: string;
  siteId: string;
  status: 'SELECTED' | 'ACTIVATED' | 'ENROLLING' | 'CLOSED';
  selectedOn: IsoDate;
  activatedOn: IsoDate | null;
  firstPatientInOn: IsoDate | null;
  closedOn: IsoDate | null;
  enrollmentTarget: number | null;
  screened: number;
  enrolled: number;
  withdrawn: number;
  /** The site's answer to its selection: only an accepted one makes the sponsor its partner. */
  siteResponse: 'PENDING' | 'ACCEPTED' | 'DECLINED';
  respondedOn: IsoDate | null;
}

export interface PartnershipRecord {
  id: string;
  sponsorId: string;
  siteId: string;
  since: IsoDate;
  investments: {
    id: string;
    kind: 'TRAINING' | 'EQUIPMENT' | 'STAFFING' | 'TECHNOLOGY';
    description: string;
    amount: number;
    currency: string;
    reusableBeyondTrial: boolean;
    investedOn: IsoDate;
  }[];
}

export interface PipelineProgramRecord {
  id: string;
  sponsorId: string;
  indication: string;
  therapeuticArea: string;
  phase: TrialPhase;
  plannedStartQuarter: string;
  estimatedSites: number;
  countries: string[];
  sharedWithSiteIds: string[];
}

export interface ProtocolFeedbackRecord {
  id: string;
  trialId: string;
  protocolVersion: number;
  siteId: string;
  topic: 'FEASIBILITY' | 'PATIENT_BURDEN' | 'STAFFING' | 'ELIGIBILITY' | 'VISIT_SCHEDULE' | 'LANGUAGE' | 'OTHER';
  body: string;
  raisedAt: IsoInstant;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'ADOPTED' | 'DECLINED';
  response: string | null;
  respondedAt: IsoInstant | null;
}

export type Activity =
  | 'PROTOCOL_DESIGN' | 'SITE_FEASIBILITY' | 'SITE_SELECTION' | 'REGULATORY_SUBMISSION'
  | 'SITE_CONTRACTS' | 'SITE_PAYMENTS' | 'SITE_TRAINING' | 'PATIENT_RECRUITMENT'
  | 'SITE_MONITORING' | 'DATA_MANAGEMENT' | 'SAFETY_REPORTING' | 'TRANSLATION';
export type RaciParty = 'SPONSOR' | 'CRO' | 'SITE';

export interface CroRecord {
  id: string;
  name: string;
  regions: string[];
  services: Activity[];
  languages: string[];
}

export interface EngagementRecord {
  id: string;
  croId: string;
  sponsorId: string;
  trialId: string;
  servicesInScope: Activity[];
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  responsibilities: {
    activity: Activity;
    responsible: RaciParty[];
    accountable: RaciParty[];
    consulted: RaciParty[];
    informed: RaciParty[];
  }[];
  kpis: { kpi: string; unit: string; target: number; actual: number | null; status: 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' }[];
  communicationPlan: { cadence: 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'QUARTERLY'; languages: string[]; escalationPath: string[] } | null;
  actions: {
    id: string;
    description: string;
    raisedBy: RaciParty;
    severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
    raisedAt: IsoInstant;
    resolvedAt: IsoInstant | null;
  }[];
}

export interface MonitoringVisitRecord {
  id: string;
  engagementId: string;
  siteId: string;
  kind: 'SELECTION' | 'INITIATION' | 'ROUTINE' | 'CLOSE_OUT' | 'REMOTE';
  visitedOn: IsoDate;
  findings: number;
  followUpLetterSentOn: IsoDate | null;
}

export interface StaffAssignmentRecord {
  id: string;
  croId: string;
  role: 'CLINICAL_RESEARCH_ASSOCIATE' | 'PROJECT_MANAGER';
  pseudonym: string;
  siteId: string;
  trialId: string;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
}

export interface SurveyResponseRecord {
  /** The submitting client's id for the response: submissions are idempotent by it. */
  clientResponseId: string;
  trialId: string;
  siteId: string;
  visitNumber: number;
  /** 'yyyy-MM': never a day, so a response cannot be tied to a visit date. */
  submittedMonth: string;
  burden: { travel: number; visitLength: number; procedures: number; scheduling: number; cost: number };
  understanding: number;
  wouldRecommend: boolean;
  discontinuationReason: 'BURDEN' | 'ADVERSE_EVENT' | 'TRAVEL' | 'LACK_OF_EFFECT' | 'PERSONAL' | 'OTHER' | null;
}

/** A patient advocacy group: the organisation a PATIENT_ADVOCATE caller acts for. */
export interface AdvocacyGroupRecord {
  id: string;
  name: string;
}

export interface AdvocateReviewRecord {
  id: string;
  /** The advocacy group that ran the review. */
  advocacyGroupId: string;
  trialId: string;
  protocolVersion: number;
  format: 'SITE_RUN_THROUGH' | 'PANEL' | 'SURVEY';
  reviewedOn: IsoDate;
  findings: {
    id: string;
    area: string;
    severity: 'LOW' | 'MEDIUM' | 'HIGH';
    recommendation: string;
    sponsorDecision: 'PENDING' | 'ADOPTED' | 'PARTIALLY_ADOPTED' | 'DECLINED';
  }[];
}

export interface DemoDataset {
  seed: number;
  scale: number;
  sites: SiteRecord[];
  sponsors: SponsorRecord[];
  trials: TrialRecord[];
  trialSites: TrialSiteRecord[];
  partnerships: PartnershipRecord[];
  pipeline: PipelineProgramRecord[];
  feedback: ProtocolFeedbackRecord[];
  cros: CroRecord[];
  engagements: EngagementRecord[];
  monitoringVisits: MonitoringVisitRecord[];
  staffAssignments: StaffAssignmentRecord[];
  surveyResponses: SurveyResponseRecord[];
  advocacyGroups: AdvocacyGroupRecord[];
  advocateReviews: AdvocateReviewRecord[];
}
