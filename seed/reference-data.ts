// Lookup tables for the demo dataset: real places (city, region, IANA timezone, the languages
// spoken there, coordinates near the city centre), therapeutic areas with their conditions, a
// procedure catalogue, and the words sites, sponsors and CROs use. Names of organisations are
// built from these parts and are invented; places are real.

import type { Activity, SiteRecord } from './model';

export type SiteKind = SiteRecord['kind'];

export const THERAPEUTIC_AREAS = [
  'ONCOLOGY',
  'CARDIOLOGY',
  'NEUROLOGY',
  'INFECTIOUS_DISEASE',
  'ENDOCRINOLOGY',
  'RESPIRATORY',
  'RHEUMATOLOGY',
  'RARE_DISEASES',
  'GASTROENTEROLOGY',
  'DERMATOLOGY',
  'PSYCHIATRY',
  'NEPHROLOGY',
  'HEMATOLOGY',
  'OPHTHALMOLOGY',
] as const;
export type TherapeuticArea = (typeof THERAPEUTIC_AREAS)[number];

export const CONDITIONS: Record<TherapeuticArea, readonly string[]> = {
  ONCOLOGY: ['Non-small cell lung cancer', 'HER2-positive breast cancer', 'Metastatic colorectal cancer', 'Metastatic castration-resistant prostate cancer', 'Multiple myeloma', 'Advanced melanoma', 'Pancreatic ductal adenocarcinoma', 'Ovarian cancer'],
  CARDIOLOGY: ['Heart failure with reduced ejection fraction', 'Atrial fibrillation', 'Resistant hypertension', 'Coronary artery disease', 'Hypertrophic cardiomyopathy', 'Familial hypercholesterolaemia'],
  NEUROLOGY: ["Early Alzheimer's disease", "Parkinson's disease", 'Relapsing multiple sclerosis', 'Chronic migraine', 'Focal epilepsy', 'Amyotrophic lateral sclerosis', 'Acute ischaemic stroke'],
  INFECTIOUS_DISEASE: ['HIV-1 infection', 'Respiratory syncytial virus infection', 'COVID-19', 'Chronic hepatitis B', 'Seasonal influenza', 'Recurrent Clostridioides difficile infection'],
  ENDOCRINOLOGY: ['Type 2 diabetes', 'Type 1 diabetes', 'Obesity', 'Postmenopausal osteoporosis', 'Acromegaly', 'Congenital adrenal hyperplasia'],
  RESPIRATORY: ['Severe eosinophilic asthma', 'Chronic obstructive pulmonary disease', 'Idiopathic pulmonary fibrosis', 'Non-cystic fibrosis bronchiectasis', 'Cystic fibrosis'],
  RHEUMATOLOGY: ['Rheumatoid arthritis', 'Systemic lupus erythematosus', 'Psoriatic arthritis', 'Axial spondyloarthritis', 'Gout'],
  RARE_DISEASES: ['Duchenne muscular dystrophy', 'Fabry disease', 'Spinal muscular atrophy', 'Late-onset Pompe disease', 'Hereditary transthyretin amyloidosis', 'Sickle cell disease'],
  GASTROENTEROLOGY: ['Ulcerative colitis', "Crohn's disease", 'Metabolic dysfunction-associated steatohepatitis', 'Eosinophilic oesophagitis'],
  DERMATOLOGY: ['Atopic dermatitis', 'Plaque psoriasis', 'Hidradenitis suppurativa', 'Alopecia areata'],
  PSYCHIATRY: ['Major depressive disorder', 'Schizophrenia', 'Generalised anxiety disorder', 'Bipolar I disorder'],
  NEPHROLOGY: ['Chronic kidney disease', 'IgA nephropathy', 'Lupus nephritis', 'Autosomal dominant polycystic kidney disease'],
  HEMATOLOGY: ['Haemophilia A', 'Immune thrombocytopenia', 'Myelodysplastic syndromes', 'Paroxysmal nocturnal haemoglobinuria'],
  OPHTHALMOLOGY: ['Neovascular age-related macular degeneration', 'Diabetic macular oedema', 'Primary open-angle glaucoma', 'Dry eye disease'],
};

/** Typical screen failure share per area: oncology and rare diseases screen out far more. */
export const SCREEN_FAILURE_RANGE: Record<TherapeuticArea, [number, number]> = {
  ONCOLOGY: [0.3, 0.6], CARDIOLOGY: [0.15, 0.35], NEUROLOGY: [0.25, 0.55], INFECTIOUS_DISEASE: [0.1, 0.3],
  ENDOCRINOLOGY: [0.2, 0.45], RESPIRATORY: [0.25, 0.5], RHEUMATOLOGY: [0.2, 0.45], RARE_DISEASES: [0.3, 0.6],
  GASTROENTEROLOGY: [0.3, 0.55], DERMATOLOGY: [0.15, 0.35], PSYCHIATRY: [0.25, 0.5], NEPHROLOGY: [0.2, 0.45],
  HEMATOLOGY: [0.2, 0.5], OPHTHALMOLOGY: [0.15, 0.4],
};

/**
 * How a procedure is scheduled: SCREENING only at the first visit, CORE at every visit, PERIODIC at
 * some visits, TREATMENT at some visits after screening.
 */
export interface ProcedureDefinition {
  name: string;
  invasive: boolean;
  patientReported: boolean;
  durationMinutes: number;
  schedule: 'SCREENING' | 'CORE' | 'PERIODIC' | 'TREATMENT';
}

const procedure = (
  name: string,
  durationMinutes: number,
  flags: { invasive?: boolean; patientReported?: boolean; schedule?: ProcedureDefinition['schedule'] } = {},
): ProcedureDefinition => ({
  name,
  durationMinutes,
  invasive: flags.invasive ?? false,
  patientReported: flags.patientReported ?? false,
  schedule: flags.schedule ?? 'PERIODIC',
});

/** Every protocol has these: consent and history at screening, safety checks at each visit. */
export const CORE_PROCEDURES: readonly ProcedureDefinition[] = [
  procedure('Informed consent', 30, { schedule: 'SCREENING' }),
  procedure('Medical history review', 15, { schedule: 'SCREENING' }),
  procedure('Eligibility assessment', 15, { schedule: 'SCREENING' }),
  procedure('Vital signs', 10, { schedule: 'CORE' }),
  procedure('Adverse event review', 10, { schedule: 'CORE' }),
  procedure('Concomitant medication review', 10, { schedule: 'CORE' }),
];

export const COMMON_PROCEDURES: readonly ProcedureDefinition[] = [
  procedure('Physical examination', 20),
  procedure('Height and weight', 5),
  procedure('Blood draw (haematology)', 10, { invasive: true }),
  procedure('Blood draw (clinical chemistry)', 10, { invasive: true }),
  procedure('Blood draw (biomarkers)', 10, { invasive: true }),
  procedure('Pharmacokinetic sampling', 30, { invasive: true }),
  procedure('Hepatitis and HIV serology', 10, { invasive: true, schedule: 'SCREENING' }),
  procedure('Coagulation panel', 10, { invasive: true }),
  procedure('Lipid panel', 10, { invasive: true }),
  procedure('Thyroid function tests', 10, { invasive: true }),
  procedure('Genomic blood sample', 10, { invasive: true }),
  procedure('Urinalysis', 5),
  procedure('Urine pregnancy test', 5),
  procedure('Urine drug screen', 5, { schedule: 'SCREENING' }),
  procedure('12-lead ECG', 15),
  procedure('Study drug dispensing', 10, { schedule: 'TREATMENT' }),
  procedure('Drug accountability', 5, { schedule: 'TREATMENT' }),
  procedure('Patient diary review', 10, { patientReported: true }),
  procedure('PRO questionnaire (EQ-5D-5L)', 10, { patientReported: true }),
  procedure('Quality of life questionnaire (SF-36)', 20, { patientReported: true }),
  procedure('Patient global impression of change', 5, { patientReported: true }),
  procedure('Pain numeric rating scale', 5, { patientReported: true }),
  procedure('Columbia suicide severity rating scale', 15),
  procedure('Body temperature', 5),
  procedure('Pulse oximetry', 5),
  procedure('Chest X-ray', 15),
  procedure('Ophthalmic examination', 30),
  procedure('Dietary counselling', 20),
  procedure('Device training', 20, { schedule: 'TREATMENT' }),
];

/** Imaging and functional tests any complex protocol may add, whatever its area. */
export const EXTRA_PROCEDURES: readonly ProcedureDefinition[] = [
  procedure('Brain MRI', 60),
  procedure('CT scan (chest, abdomen, pelvis)', 45),
  procedure('Echocardiogram', 40),
  procedure('Spirometry', 30),
  procedure('DXA scan', 30),
  procedure('Audiometry', 30),
  procedure('Abdominal ultrasound', 30),
  procedure('Skin biopsy', 30, { invasive: true }),
  procedure('Six-minute walk test', 20),
  procedure('24-hour Holter monitoring', 20),
];

export const AREA_PROCEDURES: Record<TherapeuticArea, readonly ProcedureDefinition[]> = {
  ONCOLOGY: [
    procedure('Tumour biopsy', 60, { invasive: true }),
    procedure('PET-CT scan', 90),
    procedure('Infusion administration', 120, { invasive: true, schedule: 'TREATMENT' }),
    procedure('ECOG performance status', 5),
    procedure('EORTC QLQ-C30 questionnaire', 15, { patientReported: true }),
    procedure('Circulating tumour DNA sample', 10, { invasive: true }),
    procedure('Tumour assessment (RECIST 1.1)', 30),
  ],
  CARDIOLOGY: [
    procedure('NT-proBNP blood sample', 10, { invasive: true }),
    procedure('Exercise stress test', 60),
    procedure('Cardiac MRI', 60),
    procedure('Kansas City Cardiomyopathy Questionnaire', 10, { patientReported: true }),
    procedure('Ambulatory blood pressure monitoring', 20),
    procedure('Implantable loop recorder check', 15),
  ],
  NEUROLOGY: [
    procedure('Lumbar puncture', 45, { invasive: true }),
    procedure('Cognitive assessment (MoCA)', 30),
    procedure('Electroencephalogram', 60),
    procedure('EDSS assessment', 30),
    procedure('Seizure diary review', 10, { patientReported: true }),
    procedure('Amyloid PET scan', 90),
    procedure('Headache diary review', 10, { patientReported: true }),
  ],
  INFECTIOUS_DISEASE: [
    procedure('Nasopharyngeal swab', 5),
    procedure('Viral load blood sample', 10, { invasive: true }),
    procedure('Vaccine administration', 15, { invasive: true, schedule: 'TREATMENT' }),
    procedure('Reactogenicity diary review', 10, { patientReported: true }),
    procedure('CD4 count', 10, { invasive: true }),
    procedure('Stool sample collection', 5),
  ],
  ENDOCRINOLOGY: [
    procedure('HbA1c blood sample', 10, { invasive: true }),
    procedure('Continuous glucose monitor fitting', 20, { invasive: true }),
    procedure('Oral glucose tolerance test', 150, { invasive: true }),
    procedure('Diabetes Treatment Satisfaction Questionnaire', 10, { patientReported: true }),
    procedure('Waist circumference', 5),
    procedure('Hypoglycaemia diary review', 10, { patientReported: true }),
  ],
  RESPIRATORY: [
    procedure('Fractional exhaled nitric oxide', 10),
    procedure('Sputum induction', 45),
    procedure("St George's Respiratory Questionnaire", 15, { patientReported: true }),
    procedure('Asthma Control Questionnaire', 5, { patientReported: true }),
    procedure('High-resolution CT of the chest', 30),
    procedure('Sweat chloride test', 30),
  ],
  RHEUMATOLOGY: [
    procedure('Tender and swollen joint count', 20),
    procedure('HAQ-DI questionnaire', 10, { patientReported: true }),
    procedure('Subcutaneous injection', 10, { invasive: true, schedule: 'TREATMENT' }),
    procedure('Hand and foot X-rays', 20),
    procedure('Joint ultrasound', 30),
    procedure('SLEDAI-2K assessment', 20),
  ],
  RARE_DISEASES: [
    procedure('Genetic testing blood sample', 10, { invasive: true }),
    procedure('Enzyme replacement infusion', 180, { invasive: true, schedule: 'TREATMENT' }),
    procedure('Muscle function test', 45),
    procedure('Muscle biopsy', 60, { invasive: true }),
    procedure('Caregiver-reported outcome questionnaire', 15, { patientReported: true }),
    procedure('Nerve conduction study', 45),
  ],
  GASTROENTEROLOGY: [
    procedure('Colonoscopy with biopsies', 90, { invasive: true }),
    procedure('Faecal calprotectin sample', 5),
    procedure('Mayo score assessment', 15),
    procedure('IBD Questionnaire', 15, { patientReported: true }),
    procedure('Liver elastography', 20),
    procedure('Upper endoscopy with biopsies', 60, { invasive: true }),
  ],
  DERMATOLOGY: [
    procedure('Skin lesion photography', 15),
    procedure('EASI assessment', 15),
    procedure('Itch numeric rating scale', 5, { patientReported: true }),
    procedure('Dermatology Life Quality Index', 10, { patientReported: true }),
    procedure('PASI assessment', 15),
    procedure('Scalp hair photography', 15),
  ],
  PSYCHIATRY: [
    procedure('MADRS interview', 30),
    procedure('PANSS interview', 45),
    procedure('PHQ-9 questionnaire', 10, { patientReported: true }),
    procedure('GAD-7 questionnaire', 5, { patientReported: true }),
    procedure('Clinical Global Impression rating', 10),
    procedure('Young Mania Rating Scale', 20),
  ],
  NEPHROLOGY: [
    procedure('eGFR blood sample', 10, { invasive: true }),
    procedure('24-hour urine collection', 15),
    procedure('Kidney biopsy', 90, { invasive: true }),
    procedure('Renal ultrasound', 30),
    procedure('Urine albumin-to-creatinine ratio', 5),
    procedure('Kidney Disease Quality of Life questionnaire', 20, { patientReported: true }),
  ],
  HEMATOLOGY: [
    procedure('Bone marrow aspirate', 45, { invasive: true }),
    procedure('Factor VIII activity assay', 10, { invasive: true }),
    procedure('Bleeding diary review', 10, { patientReported: true }),
    procedure('Red blood cell transfusion', 180, { invasive: true, schedule: 'TREATMENT' }),
    procedure('Fatigue questionnaire (FACIT-F)', 10, { patientReported: true }),
    procedure('Platelet count', 10, { invasive: true }),
  ],
  OPHTHALMOLOGY: [
    procedure('Best-corrected visual acuity', 15),
    procedure('Optical coherence tomography', 20),
    procedure('Intravitreal injection', 30, { invasive: true, schedule: 'TREATMENT' }),
    procedure('Fundus photography', 15),
    procedure('Fluorescein angiography', 45, { invasive: true }),
    procedure('Visual Function Questionnaire (NEI VFQ-25)', 15, { patientReported: true }),
  ],
};

// Places ------------------------------------------------------------------------------------

/** How organisations are named in a place: templates per site kind plus namesakes and districts. */
export type NamingStyle =
  | 'es' | 'ca' | 'eu' | 'gl' | 'fr' | 'de' | 'de-CH' | 'it' | 'nl' | 'pl' | 'sv'
  | 'en-GB' | 'en-IE' | 'en-US' | 'en-CA' | 'fr-CA' | 'pt-BR' | 'es-MX' | 'ja' | 'en-AU';

export type CroRegion = 'EUROPE' | 'NORTH_AMERICA' | 'LATIN_AMERICA' | 'ASIA_PACIFIC';
export const CRO_REGIONS: readonly CroRegion[] = ['EUROPE', 'NORTH_AMERICA', 'LATIN_AMERICA', 'ASIA_PACIFIC'];

export interface CityDefinition {
  city: string;
  region: string;
  /** faker replaceSymbols pattern: # a digit, ? a letter, * either. */
  postalCode: string;
  lat: number;
  lon: number;
  timezone: string;
  /** BCP 47 tags of the languages care is given in there, the main one first. */
  languages: string[];
  naming: NamingStyle[];
  weight: number;
  districts?: string[];
  communities?: string[];
  /** The city's own name where organisations are named in the local language (Gent, München). */
  localNames?: Partial<Record<NamingStyle, string>>;
}

export interface CountryDefinition {
  code: string;
  name: string;
  /** Share of all sites in the dataset. */
  weight: number;
  currency: 'EUR' | 'USD' | 'GBP';
  region: CroRegion;
  cities: CityDefinition[];
  communities: string[];
  /** Seasonal closures sites in this country plan around: [month (1-12), day, length in days, reason]. */
  closures: [number, number, number, string][];
}

const city = (
  name: string,
  region: string,
  postalCode: string,
  lat: number,
  lon: number,
  timezone: string,
  languages: string[],
  naming: NamingStyle[],
  weight: number,
  extra: { districts?: string[]; communities?: string[]; localNames?: Partial<Record<NamingStyle, string>> } = {},
): CityDefinition => ({ city: name, region, postalCode, lat, lon, timezone, languages, naming, weight, ...extra });

const CHRISTMAS: [number, number, number, string] = [12, 23, 12, 'Christmas and New Year closure'];

export const COUNTRIES: readonly CountryDefinition[] = [
  {
    code: 'ES', name: 'Spain', weight: 15, currency: 'EUR', region: 'EUROPE',
    communities: ['Older adults', 'Migrant communities from North Africa', 'Latin American communities', 'Roma community', 'Rural communities'],
    closures: [[8, 1, 31, 'August summer closure'], CHRISTMAS, [4, 1, 7, 'Holy Week reduced staffing']],
    cities: [
      city('Barcelona', 'Catalonia', '080##', 41.3874, 2.1686, 'Europe/Madrid', ['es', 'ca'], ['ca', 'es'], 5, { districts: ['Gràcia', 'Sant Martí', 'Les Corts', 'Horta', 'Sants', 'Eixample', 'Nou Barris'], communities: ['Catalan-speaking patients', 'Pakistani and Filipino communities'] }),
      city('Madrid', 'Community of Madrid', '280##', 40.4168, -3.7038, 'Europe/Madrid', ['es'], ['es'], 5, { districts: ['Chamberí', 'Vallecas', 'Carabanchel', 'Tetuán', 'Salamanca', 'Moncloa', 'Usera'] }),
      city('Valencia', 'Valencian Community', '460##', 39.4699, -0.3763, 'Europe/Madrid', ['es', 'ca-valencia'], ['es', 'ca'], 3, { districts: ['Russafa', 'Benimaclet', 'El Cabanyal', 'Campanar', 'Patraix'], communities: ['Valencian-speaking patients'] }),
      city('Bilbao', 'Basque Country', '480##', 43.263, -2.935, 'Europe/Madrid', ['es', 'eu'], ['es', 'eu'], 2, { districts: ['Deusto', 'Indautxu', 'Abando', 'Txurdinaga', 'Basurto'], communities: ['Basque-speaking patients'] }),
      city('San Sebastián', 'Basque Country', '200##', 43.3183, -1.9812, 'Europe/Madrid', ['es', 'eu'], ['es', 'eu'], 1, { localNames: { es: 'San Sebastián', eu: 'Donostia' }, districts: ['Gros', 'Amara', 'Egia', 'Intxaurrondo'], communities: ['Basque-speaking patients'] }),
      city('Seville', 'Andalusia', '410##', 37.3891, -5.9845, 'Europe/Madrid', ['es'], ['es'], 2, { localNames: { es: 'Sevilla' }, districts: ['Triana', 'Macarena', 'Nervión', 'Los Remedios'] }),
      city('Málaga', 'Andalusia', '290##', 36.7213, -4.4214, 'Europe/Madrid', ['es'], ['es'], 1, { districts: ['El Palo', 'Teatinos', 'Carretera de Cádiz', 'Ciudad Jardín'], communities: ['English-speaking retirees'] }),
      city('Santiago de Compostela', 'Galicia', '157##', 42.8782, -8.5448, 'Europe/Madrid', ['es', 'gl'], ['es', 'gl'], 1, { districts: ['Conxo', 'Santa Marta', 'O Castiñeiriño', 'Vite'], communities: ['Galician-speaking patients'] }),
      city('Zaragoza', 'Aragon', '500##', 41.6488, -0.8891, 'Europe/Madrid', ['es'], ['es'], 1, { districts: ['Delicias', 'Actur', 'Las Fuentes', 'Torrero'] }),
      city('Girona', 'Catalonia', '170##', 41.9794, 2.8214, 'Europe/Madrid', ['es', 'ca'], ['ca'], 1, { districts: ['Montilivi', 'Santa Eugènia', 'Sant Narcís'], communities: ['Catalan-speaking patients'] }),
      city('Palma', 'Balearic Islands', '070##', 39.5696, 2.6502, 'Europe/Madrid', ['es', 'ca'], ['es', 'ca'], 1, { districts: ['Son Espases', 'Es Molinar', 'Santa Catalina', 'Pere Garau'] }),
      city('Pamplona', 'Navarre', '310##', 42.8125, -1.6458, 'Europe/Madrid', ['es', 'eu'], ['es'], 1, { districts: ['Iturrama', 'San Juan', 'Txantrea', 'Rochapea'] }),
      city('Salamanca', 'Castile and León', '370##', 40.9701, -5.6635, 'Europe/Madrid', ['es'], ['es'], 1, { districts: ['Garrido', 'Pizarrales', 'El Rollo'] }),
      city('Las Palmas de Gran Canaria', 'Canary Islands', '350##', 28.1235, -15.4363, 'Atlantic/Canary', ['es'], ['es'], 1, { districts: ['Guanarteme', 'Schamann', 'Vegueta', 'Escaleritas'], communities: ['Island communities with inter-island travel'] }),
      city('Murcia', 'Region of Murcia', '300##', 37.9922, -1.1307, 'Europe/Madrid', ['es'], ['es'], 1, { districts: ['El Carmen', 'Vistalegre', 'La Flota'] }),
    ],
  },
  {
    code: 'US', name: 'United States', weight: 18, currency: 'USD', region: 'NORTH_AMERICA',
    communities: ['Black and African American communities', 'Hispanic and Latino communities', 'Rural communities', 'Veterans', 'Medicaid-insured patients', 'Older adults'],
    closures: [[11, 24, 5, 'Thanksgiving week reduced staffing'], CHRISTMAS],
    cities: [
      city('Boston', 'Massachusetts', '021##', 42.3601, -71.0589, 'America/New_York', ['en', 'es'], ['en-US'], 3, { districts: ['Longwood', 'Dorchester', 'Roxbury', 'Jamaica Plain', 'South End'] }),
      city('New York', 'New York', '100##', 40.7128, -74.006, 'America/New_York', ['en', 'es', 'zh'], ['en-US'], 4, { districts: ['Upper East Side', 'Washington Heights', 'Flushing', 'the Bronx', 'Harlem'], communities: ['Chinese-speaking communities', 'Dominican and Puerto Rican communities'] }),
      city('Philadelphia', 'Pennsylvania', '191##', 39.9526, -75.1652, 'America/New_York', ['en'], ['en-US'], 2, { districts: ['University City', 'Germantown', 'South Philadelphia', 'Fishtown'] }),
      city('Baltimore', 'Maryland', '212##', 39.2904, -76.6122, 'America/New_York', ['en'], ['en-US'], 1, { districts: ['East Baltimore', 'Mount Vernon', 'Fells Point'] }),
      city('Houston', 'Texas', '770##', 29.7604, -95.3698, 'America/Chicago', ['en', 'es'], ['en-US'], 3, { districts: ['Texas Medical Center', 'Gulfton', 'Third Ward', 'Pasadena'], communities: ['Spanish-speaking communities'] }),
      city('San Antonio', 'Texas', '782##', 29.4241, -98.4936, 'America/Chicago', ['en', 'es'], ['en-US'], 1, { districts: ['Medical Center', 'Southside', 'Alamo Heights'], communities: ['Spanish-speaking communities'] }),
      city('Miami', 'Florida', '331##', 25.7617, -80.1918, 'America/New_York', ['en', 'es'], ['en-US'], 2, { districts: ['Little Havana', 'Doral', 'Coral Gables', 'Hialeah'], communities: ['Spanish-speaking communities', 'Haitian Creole-speaking communities'] }),
      city('Chicago', 'Illinois', '606##', 41.8781, -87.6298, 'America/Chicago', ['en', 'es'], ['en-US'], 3, { districts: ['Hyde Park', 'Pilsen', 'Streeterville', 'Little Village', 'Uptown'] }),
      city('Los Angeles', 'California', '900##', 34.0522, -118.2437, 'America/Los_Angeles', ['en', 'es'], ['en-US'], 3, { districts: ['Westwood', 'Boyle Heights', 'Koreatown', 'Watts', 'East Hollywood'], communities: ['Spanish-speaking communities', 'Korean-speaking communities'] }),
      city('San Diego', 'California', '921##', 32.7157, -117.1611, 'America/Los_Angeles', ['en', 'es'], ['en-US'], 1, { districts: ['La Jolla', 'Chula Vista', 'Hillcrest'] }),
      city('San Francisco', 'California', '941##', 37.7749, -122.4194, 'America/Los_Angeles', ['en', 'es', 'zh'], ['en-US'], 2, { districts: ['Mission Bay', 'Parnassus', 'Chinatown', 'the Mission'] }),
      city('Seattle', 'Washington', '981##', 47.6062, -122.3321, 'America/Los_Angeles', ['en'], ['en-US'], 1, { districts: ['First Hill', 'South Lake Union', 'Beacon Hill'] }),
      city('Phoenix', 'Arizona', '850##', 33.4484, -112.074, 'America/Phoenix', ['en', 'es'], ['en-US'], 1, { districts: ['Maryvale', 'Arcadia', 'South Mountain'], communities: ['Navajo and other Native American communities'] }),
      city('Denver', 'Colorado', '802##', 39.7392, -104.9903, 'America/Denver', ['en', 'es'], ['en-US'], 1, { districts: ['Aurora', 'Capitol Hill', 'Westwood'] }),
      city('Albuquerque', 'New Mexico', '871##', 35.0844, -106.6504, 'America/Denver', ['en', 'es'], ['en-US'], 1, { districts: ['Nob Hill', 'South Valley', 'Northeast Heights'], communities: ['Native American communities', 'Spanish-speaking communities'] }),
      city('Nashville', 'Tennessee', '372##', 36.1627, -86.7816, 'America/Chicago', ['en'], ['en-US'], 1, { districts: ['Midtown', 'East Nashville', 'Antioch'] }),
      city('Rochester', 'Minnesota', '559##', 44.0121, -92.4802, 'America/Chicago', ['en'], ['en-US'], 1, { districts: ['Downtown', 'Kutzky Park'] }),
      city('Atlanta', 'Georgia', '303##', 33.749, -84.388, 'America/New_York', ['en'], ['en-US'], 2, { districts: ['Midtown', 'Decatur', 'West End', 'Buckhead'] }),
      city('Durham', 'North Carolina', '277##', 35.994, -78.8986, 'America/New_York', ['en'], ['en-US'], 1, { districts: ['Duke Park', 'Walltown', 'Southpoint'] }),
      city('Salt Lake City', 'Utah', '841##', 40.7608, -111.891, 'America/Denver', ['en'], ['en-US'], 1, { districts: ['Sugar House', 'Rose Park', 'the Avenues'] }),
      city('Cleveland', 'Ohio', '441##', 41.4993, -81.6944, 'America/New_York', ['en'], ['en-US'], 1, { districts: ['University Circle', 'Ohio City', 'Slavic Village'] }),
      city('Honolulu', 'Hawaii', '968##', 21.3069, -157.8583, 'Pacific/Honolulu', ['en'], ['en-US'], 1, { districts: ['Kaka\u02bbako', 'Kalihi', 'M\u0101noa'], communities: ['Native Hawaiian and Pacific Islander communities'] }),
    ],
  },
  {
    code: 'DE', name: 'Germany', weight: 8, currency: 'EUR', region: 'EUROPE',
    communities: ['Turkish-speaking communities', 'Russian-speaking communities', 'Older adults', 'Rural communities'],
    closures: [CHRISTMAS, [7, 15, 21, 'Summer holiday reduced staffing']],
    cities: [
      city('Berlin', 'Berlin', '10###', 52.52, 13.405, 'Europe/Berlin', ['de'], ['de'], 3, { districts: ['Charlottenburg', 'Neukölln', 'Spandau', 'Pankow', 'Steglitz'] }),
      city('Munich', 'Bavaria', '80###', 48.1351, 11.582, 'Europe/Berlin', ['de'], ['de'], 2, { localNames: { de: 'München' }, districts: ['Schwabing', 'Bogenhausen', 'Pasing', 'Giesing'] }),
      city('Hamburg', 'Hamburg', '20###', 53.5511, 9.9937, 'Europe/Berlin', ['de'], ['de'], 2, { districts: ['Eppendorf', 'Altona', 'Barmbek', 'Harburg'] }),
      city('Frankfurt am Main', 'Hesse', '60###', 50.1109, 8.6821, 'Europe/Berlin', ['de'], ['de'], 1, { districts: ['Sachsenhausen', 'Höchst', 'Bornheim'] }),
      city('Heidelberg', 'Baden-Württemberg', '691##', 49.3988, 8.6724, 'Europe/Berlin', ['de'], ['de'], 1, { districts: ['Neuenheim', 'Bergheim', 'Rohrbach'] }),
      city('Cologne', 'North Rhine-Westphalia', '50###', 50.9375, 6.9603, 'Europe/Berlin', ['de'], ['de'], 1, { localNames: { de: 'Köln' }, districts: ['Lindenthal', 'Ehrenfeld', 'Kalk', 'Porz'] }),
      city('Dresden', 'Saxony', '01###', 51.0504, 13.7373, 'Europe/Berlin', ['de'], ['de'], 1, { districts: ['Johannstadt', 'Neustadt', 'Friedrichstadt'] }),
      city('Freiburg im Breisgau', 'Baden-Württemberg', '791##', 47.999, 7.8421, 'Europe/Berlin', ['de'], ['de'], 1, { districts: ['Herdern', 'Wiehre', 'Stühlinger'] }),
      city('Hanover', 'Lower Saxony', '30###', 52.3759, 9.732, 'Europe/Berlin', ['de'], ['de'], 1, { localNames: { de: 'Hannover' }, districts: ['Groß-Buchholz', 'Linden', 'List'] }),
    ],
  },
  {
    code: 'FR', name: 'France', weight: 8, currency: 'EUR', region: 'EUROPE',
    communities: ['Maghrebi communities', 'West African communities', 'Older adults', 'Rural communities'],
    closures: [[8, 1, 21, 'August summer closure'], CHRISTMAS],
    cities: [
      city('Paris', 'Île-de-France', '750##', 48.8566, 2.3522, 'Europe/Paris', ['fr'], ['fr'], 4, { districts: ['Belleville', 'Montparnasse', 'La Villette', 'Batignolles', 'Bercy'] }),
      city('Lyon', 'Auvergne-Rhône-Alpes', '6900#', 45.764, 4.8357, 'Europe/Paris', ['fr'], ['fr'], 2, { districts: ['Croix-Rousse', 'Bron', 'Villeurbanne', 'Gerland'] }),
      city('Marseille', "Provence-Alpes-Côte d'Azur", '130##', 43.2965, 5.3698, 'Europe/Paris', ['fr'], ['fr'], 2, { districts: ['La Timone', 'Le Panier', 'Sainte-Marguerite', 'Belsunce'] }),
      city('Toulouse', 'Occitanie', '310##', 43.6047, 1.4442, 'Europe/Paris', ['fr'], ['fr'], 1, { districts: ['Rangueil', 'Purpan', 'Saint-Cyprien'] }),
      city('Lille', 'Hauts-de-France', '590##', 50.6292, 3.0573, 'Europe/Paris', ['fr'], ['fr'], 1, { districts: ['Wazemmes', 'Fives', 'Vauban'] }),
      city('Bordeaux', 'Nouvelle-Aquitaine', '330##', 44.8378, -0.5792, 'Europe/Paris', ['fr'], ['fr'], 1, { districts: ['Pellegrin', 'Bastide', 'Chartrons'] }),
      city('Strasbourg', 'Grand Est', '670##', 48.5734, 7.7521, 'Europe/Paris', ['fr', 'de'], ['fr'], 1, { districts: ['Hautepierre', 'Neudorf', 'Robertsau'] }),
      city('Nantes', 'Pays de la Loire', '440##', 47.2184, -1.5536, 'Europe/Paris', ['fr'], ['fr'], 1, { districts: ['Île de Nantes', 'Doulon', 'Chantenay'] }),
      city('Rennes', 'Brittany', '350##', 48.1173, -1.6778, 'Europe/Paris', ['fr'], ['fr'], 1, { districts: ['Pontchaillou', 'Villejean', 'Sud-Gare'] }),
    ],
  },
  {
    code: 'IT', name: 'Italy', weight: 7, currency: 'EUR', region: 'EUROPE',
    communities: ['Older adults', 'Migrant communities', 'Rural communities'],
    closures: [[8, 5, 20, 'Ferragosto summer closure'], CHRISTMAS],
    cities: [
      city('Milan', 'Lombardy', '201##', 45.4642, 9.19, 'Europe/Rome', ['it'], ['it'], 3, { localNames: { it: 'Milano' }, districts: ['Niguarda', 'Città Studi', 'Navigli', 'Bicocca'] }),
      city('Rome', 'Lazio', '001##', 41.9028, 12.4964, 'Europe/Rome', ['it'], ['it'], 3, { localNames: { it: 'Roma' }, districts: ['Trastevere', 'Monteverde', 'Tor Vergata', 'San Lorenzo'] }),
      city('Naples', 'Campania', '801##', 40.8518, 14.2681, 'Europe/Rome', ['it'], ['it'], 2, { localNames: { it: 'Napoli' }, districts: ['Vomero', 'Fuorigrotta', 'Chiaia'] }),
      city('Turin', 'Piedmont', '101##', 45.0703, 7.6869, 'Europe/Rome', ['it'], ['it'], 1, { localNames: { it: 'Torino' }, districts: ['San Salvario', 'Lingotto', 'Crocetta'] }),
      city('Bologna', 'Emilia-Romagna', '401##', 44.4949, 11.3426, 'Europe/Rome', ['it'], ['it'], 1, { districts: ['Santo Stefano', 'Navile', 'Borgo Panigale'] }),
      city('Florence', 'Tuscany', '501##', 43.7696, 11.2558, 'Europe/Rome', ['it'], ['it'], 1, { localNames: { it: 'Firenze' }, districts: ['Careggi', 'Campo di Marte', 'Novoli'] }),
      city('Bolzano', 'Trentino-South Tyrol', '3910#', 46.4983, 11.3548, 'Europe/Rome', ['it', 'de'], ['it', 'de'], 1, { localNames: { de: 'Bozen' }, districts: ['Gries', 'Oltrisarco', 'Europa-Novacella'], communities: ['German-speaking patients'] }),
      city('Padua', 'Veneto', '351##', 45.4064, 11.8768, 'Europe/Rome', ['it'], ['it'], 1, { localNames: { it: 'Padova' }, districts: ['Arcella', 'Portello', 'Santa Croce'] }),
    ],
  },
  {
    code: 'GB', name: 'United Kingdom', weight: 7, currency: 'GBP', region: 'EUROPE',
    communities: ['South Asian communities', 'Black African and Caribbean communities', 'Older adults', 'Rural communities', 'Polish-speaking communities'],
    closures: [CHRISTMAS],
    cities: [
      city('London', 'England', '?#? #??', 51.5074, -0.1278, 'Europe/London', ['en'], ['en-GB'], 4, { districts: ['Whitechapel', 'Tooting', 'Hammersmith', 'Camberwell', 'Hampstead'], communities: ['Bengali-speaking communities'] }),
      city('Manchester', 'England', 'M## #??', 53.4808, -2.2426, 'Europe/London', ['en'], ['en-GB'], 2, { districts: ['Withington', 'Moss Side', 'Salford', 'Wythenshawe'] }),
      city('Birmingham', 'England', 'B## #??', 52.4862, -1.8904, 'Europe/London', ['en'], ['en-GB'], 2, { districts: ['Edgbaston', 'Small Heath', 'Selly Oak', 'Erdington'] }),
      city('Oxford', 'England', 'OX# #??', 51.752, -1.2577, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Headington', 'Jericho', 'Cowley'] }),
      city('Cambridge', 'England', 'CB# #??', 52.2053, 0.1218, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Addenbrooke\u2019s', 'Chesterton', 'Cherry Hinton'] }),
      city('Leeds', 'England', 'LS# #??', 53.8008, -1.5491, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Headingley', 'Chapeltown', 'Beeston'] }),
      city('Newcastle upon Tyne', 'England', 'NE# #??', 54.9783, -1.6178, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Heaton', 'Jesmond', 'Elswick'] }),
      city('Glasgow', 'Scotland', 'G## #??', 55.8642, -4.2518, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Govan', 'Partick', 'Dennistoun'] }),
      city('Edinburgh', 'Scotland', 'EH# #??', 55.9533, -3.1883, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Little France', 'Leith', 'Morningside'] }),
      city('Cardiff', 'Wales', 'CF## #??', 51.4816, -3.1791, 'Europe/London', ['en', 'cy'], ['en-GB'], 1, { districts: ['Heath', 'Splott', 'Canton'], communities: ['Welsh-speaking patients'] }),
      city('Belfast', 'Northern Ireland', 'BT# #??', 54.5973, -5.9301, 'Europe/London', ['en'], ['en-GB'], 1, { districts: ['Falls', 'Ormeau', 'Shankill'] }),
    ],
  },
  {
    code: 'NL', name: 'Netherlands', weight: 4, currency: 'EUR', region: 'EUROPE',
    communities: ['Turkish-speaking communities', 'Moroccan communities', 'Surinamese communities', 'Older adults'],
    closures: [CHRISTMAS],
    cities: [
      city('Amsterdam', 'North Holland', '10## ??', 52.3676, 4.9041, 'Europe/Amsterdam', ['nl', 'en'], ['nl'], 3, { districts: ['De Pijp', 'Bijlmer', 'Nieuw-West', 'Oost'] }),
      city('Rotterdam', 'South Holland', '30## ??', 51.9244, 4.4777, 'Europe/Amsterdam', ['nl'], ['nl'], 2, { districts: ['Delfshaven', 'Feijenoord', 'Kralingen'] }),
      city('Utrecht', 'Utrecht', '35## ??', 52.0907, 5.1214, 'Europe/Amsterdam', ['nl'], ['nl'], 1, { districts: ['Overvecht', 'Lombok', 'Leidsche Rijn'] }),
      city('Leiden', 'South Holland', '23## ??', 52.1601, 4.497, 'Europe/Amsterdam', ['nl'], ['nl'], 1, { districts: ['Merenwijk', 'Stevenshof'] }),
      city('Groningen', 'Groningen', '97## ??', 53.2194, 6.5665, 'Europe/Amsterdam', ['nl'], ['nl'], 1, { districts: ['Oosterpark', 'Vinkhuizen', 'Helpman'] }),
      city('Nijmegen', 'Gelderland', '65## ??', 51.8126, 5.8372, 'Europe/Amsterdam', ['nl'], ['nl'], 1, { districts: ['Dukenburg', 'Lindenholt', 'Hatert'] }),
      city('Maastricht', 'Limburg', '62## ??', 50.8514, 5.691, 'Europe/Amsterdam', ['nl'], ['nl'], 1, { districts: ['Randwyck', 'Wyck', 'Malberg'] }),
    ],
  },
  {
    code: 'PL', name: 'Poland', weight: 4, currency: 'EUR', region: 'EUROPE',
    communities: ['Older adults', 'Rural communities', 'Ukrainian-speaking communities'],
    closures: [CHRISTMAS, [4, 15, 4, 'Easter closure']],
    cities: [
      city('Warsaw', 'Masovian Voivodeship', '0#-###', 52.2297, 21.0122, 'Europe/Warsaw', ['pl'], ['pl'], 3, { localNames: { pl: 'Warszawa' }, districts: ['Mokotów', 'Praga', 'Wola', 'Bielany'] }),
      city('Kraków', 'Lesser Poland Voivodeship', '3#-###', 50.0647, 19.945, 'Europe/Warsaw', ['pl'], ['pl'], 2, { districts: ['Kazimierz', 'Nowa Huta', 'Podgórze'] }),
      city('Gdańsk', 'Pomeranian Voivodeship', '80-###', 54.352, 18.6466, 'Europe/Warsaw', ['pl'], ['pl'], 1, { districts: ['Wrzeszcz', 'Oliwa', 'Przymorze'] }),
      city('Wrocław', 'Lower Silesian Voivodeship', '5#-###', 51.1079, 17.0385, 'Europe/Warsaw', ['pl'], ['pl'], 1, { districts: ['Krzyki', 'Psie Pole', 'Fabryczna'] }),
      city('Poznań', 'Greater Poland Voivodeship', '6#-###', 52.4064, 16.9252, 'Europe/Warsaw', ['pl'], ['pl'], 1, { districts: ['Jeżyce', 'Grunwald', 'Wilda'] }),
      city('Łódź', 'Łódź Voivodeship', '9#-###', 51.7592, 19.456, 'Europe/Warsaw', ['pl'], ['pl'], 1, { districts: ['Bałuty', 'Widzew', 'Polesie'] }),
    ],
  },
  {
    code: 'BE', name: 'Belgium', weight: 3, currency: 'EUR', region: 'EUROPE',
    communities: ['Moroccan communities', 'Turkish-speaking communities', 'Congolese communities', 'Older adults'],
    closures: [CHRISTMAS],
    cities: [
      city('Brussels', 'Brussels-Capital Region', '1#00', 50.8503, 4.3517, 'Europe/Brussels', ['fr', 'nl'], ['fr', 'nl'], 3, { localNames: { fr: 'Bruxelles', nl: 'Brussel' }, districts: ['Anderlecht', 'Ixelles', 'Schaerbeek', 'Jette', 'Molenbeek'] }),
      city('Antwerp', 'Flanders', '2#00', 51.2194, 4.4025, 'Europe/Brussels', ['nl'], ['nl'], 2, { localNames: { nl: 'Antwerpen' }, districts: ['Berchem', 'Borgerhout', 'Edegem', 'Merksem'] }),
      city('Ghent', 'Flanders', '9000', 51.0543, 3.7174, 'Europe/Brussels', ['nl'], ['nl'], 1, { localNames: { nl: 'Gent' }, districts: ['Sint-Amandsberg', 'Ledeberg', 'Gentbrugge'] }),
      city('Leuven', 'Flanders', '3000', 50.8798, 4.7005, 'Europe/Brussels', ['nl', 'en'], ['nl'], 1, { districts: ['Gasthuisberg', 'Heverlee', 'Kessel-Lo'] }),
      city('Liège', 'Wallonia', '4000', 50.6326, 5.5797, 'Europe/Brussels', ['fr'], ['fr'], 1, { districts: ['Sart Tilman', 'Outremeuse', 'Angleur'] }),
      city('Charleroi', 'Wallonia', '6000', 50.4108, 4.4446, 'Europe/Brussels', ['fr'], ['fr'], 1, { districts: ['Marcinelle', 'Gilly', 'Jumet'] }),
    ],
  },
  {
    code: 'CH', name: 'Switzerland', weight: 3, currency: 'EUR', region: 'EUROPE',
    communities: ['Older adults', 'Migrant communities', 'Alpine rural communities'],
    closures: [CHRISTMAS],
    cities: [
      city('Zurich', 'Canton of Zurich', '80##', 47.3769, 8.5417, 'Europe/Zurich', ['de', 'en'], ['de-CH'], 3, { localNames: { 'de-CH': 'Zürich' }, districts: ['Hottingen', 'Oerlikon', 'Wiedikon', 'Altstetten'] }),
      city('Geneva', 'Canton of Geneva', '12##', 46.2044, 6.1432, 'Europe/Zurich', ['fr', 'en'], ['fr'], 2, { localNames: { fr: 'Genève' }, districts: ['Plainpalais', 'Eaux-Vives', 'Champel', 'Carouge'] }),
      city('Basel', 'Basel-Stadt', '40##', 47.5596, 7.5886, 'Europe/Zurich', ['de'], ['de-CH'], 2, { districts: ['St. Johann', 'Kleinbasel', 'Gundeldingen'] }),
      city('Lausanne', 'Canton of Vaud', '10##', 46.5197, 6.6323, 'Europe/Zurich', ['fr'], ['fr'], 1, { districts: ['Bugnon', 'Ouchy', 'Malley'] }),
      city('Bern', 'Canton of Bern', '30##', 46.948, 7.4474, 'Europe/Zurich', ['de', 'fr'], ['de-CH'], 1, { districts: ['Länggasse', 'Bümpliz', 'Breitenrain'] }),
      city('Lugano', 'Ticino', '69##', 46.0037, 8.9511, 'Europe/Zurich', ['it'], ['it'], 1, { districts: ['Viganello', 'Besso', 'Paradiso'] }),
    ],
  },
  {
    code: 'SE', name: 'Sweden', weight: 3, currency: 'EUR', region: 'EUROPE',
    communities: ['Arabic-speaking communities', 'Somali communities', 'Sámi communities', 'Older adults'],
    closures: [[7, 1, 35, 'Summer holiday closure'], CHRISTMAS],
    cities: [
      city('Stockholm', 'Stockholm County', '1## ##', 59.3293, 18.0686, 'Europe/Stockholm', ['sv', 'en'], ['sv'], 3, { districts: ['Solna', 'Huddinge', 'Södermalm', 'Rinkeby'] }),
      city('Gothenburg', 'Västra Götaland County', '4## ##', 57.7089, 11.9746, 'Europe/Stockholm', ['sv'], ['sv'], 2, { localNames: { sv: 'Göteborg' }, districts: ['Hisingen', 'Majorna', 'Angered'] }),
      city('Uppsala', 'Uppsala County', '75# ##', 59.8586, 17.6389, 'Europe/Stockholm', ['sv'], ['sv'], 1, { districts: ['Luthagen', 'Gottsunda', 'Sävja'] }),
      city('Lund', 'Skåne County', '22# ##', 55.7047, 13.191, 'Europe/Stockholm', ['sv'], ['sv'], 1, { districts: ['Norra Fäladen', 'Linero', 'Klostergården'] }),
      city('Umeå', 'Västerbotten County', '90# ##', 63.8258, 20.263, 'Europe/Stockholm', ['sv'], ['sv'], 1, { districts: ['Ålidhem', 'Mariehem', 'Teg'], communities: ['Sámi communities'] }),
    ],
  },
  {
    code: 'IE', name: 'Ireland', weight: 2, currency: 'EUR', region: 'EUROPE',
    communities: ['Irish Traveller community', 'Rural communities', 'Older adults'],
    closures: [CHRISTMAS],
    cities: [
      city('Dublin', 'Leinster', 'D0# ****', 53.3498, -6.2603, 'Europe/Dublin', ['en'], ['en-IE'], 3, { districts: ['Beaumont', 'Tallaght', 'Crumlin', 'Blanchardstown'] }),
      city('Cork', 'Munster', 'T12 ****', 51.8985, -8.4756, 'Europe/Dublin', ['en'], ['en-IE'], 1, { districts: ['Wilton', 'Ballincollig', 'Douglas'] }),
      city('Galway', 'Connacht', 'H91 ****', 53.2707, -9.0568, 'Europe/Dublin', ['en', 'ga'], ['en-IE'], 1, { districts: ['Salthill', 'Knocknacarra', 'Newcastle'], communities: ['Irish-speaking (Gaeltacht) communities'] }),
      city('Limerick', 'Munster', 'V94 ****', 52.6638, -8.6267, 'Europe/Dublin', ['en'], ['en-IE'], 1, { districts: ['Dooradoyle', 'Castletroy', 'Thomondgate'] }),
    ],
  },
  {
    code: 'CA', name: 'Canada', weight: 4, currency: 'USD', region: 'NORTH_AMERICA',
    communities: ['First Nations, Inuit and Métis communities', 'South Asian communities', 'Chinese-speaking communities', 'Rural and remote communities'],
    closures: [CHRISTMAS],
    cities: [
      city('Toronto', 'Ontario', 'M5? #?#', 43.6532, -79.3832, 'America/Toronto', ['en'], ['en-CA'], 3, { districts: ['Scarborough', 'North York', 'Etobicoke', 'Downtown'] }),
      city('Montreal', 'Quebec', 'H3? #?#', 45.5017, -73.5673, 'America/Toronto', ['fr', 'en'], ['fr-CA'], 3, { localNames: { 'fr-CA': 'Montréal' }, districts: ['Côte-des-Neiges', 'Rosemont', 'Hochelaga', 'Verdun'], communities: ['French-speaking patients'] }),
      city('Quebec City', 'Quebec', 'G1? #?#', 46.8139, -71.208, 'America/Toronto', ['fr'], ['fr-CA'], 1, { localNames: { 'fr-CA': 'Québec' }, districts: ['Sainte-Foy', 'Limoilou', 'Charlesbourg'], communities: ['French-speaking patients'] }),
      city('Vancouver', 'British Columbia', 'V5? #?#', 49.2827, -123.1207, 'America/Vancouver', ['en', 'zh'], ['en-CA'], 2, { districts: ['Fairview', 'Mount Pleasant', 'Richmond'] }),
      city('Calgary', 'Alberta', 'T2? #?#', 51.0447, -114.0719, 'America/Edmonton', ['en'], ['en-CA'], 1, { districts: ['Foothills', 'Beltline', 'Forest Lawn'] }),
      city('Ottawa', 'Ontario', 'K1? #?#', 45.4215, -75.6972, 'America/Toronto', ['en', 'fr'], ['en-CA', 'fr-CA'], 1, { districts: ['Vanier', 'Kanata', 'Alta Vista'] }),
      city('Halifax', 'Nova Scotia', 'B3? #?#', 44.6488, -63.5752, 'America/Halifax', ['en'], ['en-CA'], 1, { districts: ['Dartmouth', 'Bedford', 'North End'] }),
      city('Winnipeg', 'Manitoba', 'R3? #?#', 49.8951, -97.1384, 'America/Winnipeg', ['en'], ['en-CA'], 1, { districts: ['St. Boniface', 'St. Vital', 'Transcona'] }),
    ],
  },
  {
    code: 'BR', name: 'Brazil', weight: 4, currency: 'USD', region: 'LATIN_AMERICA',
    communities: ['Low-income urban communities', 'Indigenous communities', 'Rural communities', 'Older adults'],
    closures: [[2, 10, 6, 'Carnival closure'], CHRISTMAS],
    cities: [
      city('São Paulo', 'São Paulo', '0####-###', -23.5505, -46.6333, 'America/Sao_Paulo', ['pt'], ['pt-BR'], 4, { districts: ['Pinheiros', 'Vila Mariana', 'Bela Vista', 'Mooca', 'Itaquera'] }),
      city('Rio de Janeiro', 'Rio de Janeiro', '2####-###', -22.9068, -43.1729, 'America/Sao_Paulo', ['pt'], ['pt-BR'], 2, { districts: ['Tijuca', 'Botafogo', 'Ilha do Fundão', 'Méier'] }),
      city('Porto Alegre', 'Rio Grande do Sul', '90###-###', -30.0346, -51.2177, 'America/Sao_Paulo', ['pt'], ['pt-BR'], 1, { districts: ['Moinhos de Vento', 'Partenon', 'Menino Deus'] }),
      city('Belo Horizonte', 'Minas Gerais', '30###-###', -19.9167, -43.9345, 'America/Sao_Paulo', ['pt'], ['pt-BR'], 1, { districts: ['Santa Efigênia', 'Pampulha', 'Savassi'] }),
      city('Salvador', 'Bahia', '40###-###', -12.9777, -38.5016, 'America/Bahia', ['pt'], ['pt-BR'], 1, { districts: ['Canela', 'Brotas', 'Itapuã'] }),
      city('Recife', 'Pernambuco', '50###-###', -8.0476, -34.877, 'America/Recife', ['pt'], ['pt-BR'], 1, { districts: ['Boa Vista', 'Casa Amarela', 'Boa Viagem'] }),
      city('Curitiba', 'Paraná', '80###-###', -25.4284, -49.2733, 'America/Sao_Paulo', ['pt'], ['pt-BR'], 1, { districts: ['Batel', 'Cajuru', 'Água Verde'] }),
      city('Manaus', 'Amazonas', '69###-###', -3.119, -60.0217, 'America/Manaus', ['pt'], ['pt-BR'], 1, { districts: ['Adrianópolis', 'Cidade Nova', 'Compensa'], communities: ['Riverside (ribeirinho) communities'] }),
    ],
  },
  {
    code: 'MX', name: 'Mexico', weight: 3, currency: 'USD', region: 'LATIN_AMERICA',
    communities: ['Indigenous communities', 'Low-income urban communities', 'Rural communities'],
    closures: [[12, 12, 22, 'Guadalupe–Reyes holiday season'], [4, 1, 10, 'Holy Week closure']],
    cities: [
      city('Mexico City', 'Mexico City', '0####', 19.4326, -99.1332, 'America/Mexico_City', ['es'], ['es-MX'], 4, { localNames: { 'es-MX': 'Ciudad de México' }, districts: ['Tlalpan', 'Coyoacán', 'Iztapalapa', 'Del Valle', 'Roma Norte'] }),
      city('Guadalajara', 'Jalisco', '44###', 20.6597, -103.3496, 'America/Mexico_City', ['es'], ['es-MX'], 2, { districts: ['Providencia', 'Oblatos', 'Chapalita'] }),
      city('Monterrey', 'Nuevo León', '64###', 25.6866, -100.3161, 'America/Monterrey', ['es'], ['es-MX'], 2, { districts: ['Mitras', 'Obispado', 'San Nicolás'] }),
      city('Puebla', 'Puebla', '72###', 19.0414, -98.2063, 'America/Mexico_City', ['es'], ['es-MX'], 1, { districts: ['La Paz', 'Huexotitla', 'San Manuel'] }),
      city('Mérida', 'Yucatán', '97###', 20.9674, -89.5926, 'America/Merida', ['es', 'yua'], ['es-MX'], 1, { districts: ['Itzimná', 'García Ginerés', 'Chuburná'], communities: ['Yucatec Maya-speaking communities'] }),
      city('Tijuana', 'Baja California', '22###', 32.5149, -117.0382, 'America/Tijuana', ['es', 'en'], ['es-MX'], 1, { districts: ['Zona Río', 'Otay', 'Playas'] }),
      city('Oaxaca de Juárez', 'Oaxaca', '68###', 17.0732, -96.7266, 'America/Mexico_City', ['es', 'zap'], ['es-MX'], 1, { districts: ['Reforma', 'Jalatlaco', 'Xochimilco'], communities: ['Zapotec-speaking communities'] }),
    ],
  },
  {
    code: 'JP', name: 'Japan', weight: 4, currency: 'USD', region: 'ASIA_PACIFIC',
    communities: ['Older adults', 'Rural communities', 'Foreign residents'],
    closures: [[4, 29, 8, 'Golden Week'], [12, 28, 8, 'New Year holidays'], [8, 12, 5, 'Obon holidays']],
    cities: [
      city('Tokyo', 'Tokyo', '1##-####', 35.6762, 139.6503, 'Asia/Tokyo', ['ja', 'en'], ['ja'], 4, { districts: ['Shinjuku', 'Bunkyo', 'Setagaya', 'Chuo', 'Minato'] }),
      city('Osaka', 'Osaka', '5##-####', 34.6937, 135.5023, 'Asia/Tokyo', ['ja'], ['ja'], 2, { districts: ['Kita', 'Tennoji', 'Abeno', 'Suita'] }),
      city('Nagoya', 'Aichi', '4##-####', 35.1815, 136.9066, 'Asia/Tokyo', ['ja'], ['ja'], 1, { districts: ['Showa', 'Chikusa', 'Nakamura'] }),
      city('Kyoto', 'Kyoto', '60#-####', 35.0116, 135.7681, 'Asia/Tokyo', ['ja'], ['ja'], 1, { districts: ['Sakyo', 'Kamigyo', 'Fushimi'] }),
      city('Fukuoka', 'Fukuoka', '81#-####', 33.5904, 130.4017, 'Asia/Tokyo', ['ja'], ['ja'], 1, { districts: ['Higashi', 'Hakata', 'Sawara'] }),
      city('Sapporo', 'Hokkaido', '06#-####', 43.0618, 141.3545, 'Asia/Tokyo', ['ja'], ['ja'], 1, { districts: ['Chuo', 'Kita', 'Toyohira'] }),
      city('Sendai', 'Miyagi', '98#-####', 38.2682, 140.8694, 'Asia/Tokyo', ['ja'], ['ja'], 1, { districts: ['Aoba', 'Wakabayashi', 'Taihaku'] }),
    ],
  },
  {
    code: 'AU', name: 'Australia', weight: 3, currency: 'USD', region: 'ASIA_PACIFIC',
    communities: ['Aboriginal and Torres Strait Islander communities', 'Rural and remote communities', 'Culturally and linguistically diverse communities', 'Older adults'],
    closures: [CHRISTMAS],
    cities: [
      city('Sydney', 'New South Wales', '20##', -33.8688, 151.2093, 'Australia/Sydney', ['en'], ['en-AU'], 3, { districts: ['Camperdown', 'Randwick', 'Westmead', 'Liverpool'] }),
      city('Melbourne', 'Victoria', '30##', -37.8136, 144.9631, 'Australia/Melbourne', ['en'], ['en-AU'], 3, { districts: ['Parkville', 'Heidelberg', 'Clayton', 'Footscray'] }),
      city('Brisbane', 'Queensland', '40##', -27.4698, 153.0251, 'Australia/Brisbane', ['en'], ['en-AU'], 2, { districts: ['Herston', 'Woolloongabba', 'Chermside'] }),
      city('Perth', 'Western Australia', '60##', -31.9505, 115.8605, 'Australia/Perth', ['en'], ['en-AU'], 1, { districts: ['Nedlands', 'Murdoch', 'Joondalup'] }),
      city('Adelaide', 'South Australia', '50##', -34.9285, 138.6007, 'Australia/Adelaide', ['en'], ['en-AU'], 1, { districts: ['Woodville', 'Bedford Park', 'Elizabeth'] }),
      city('Hobart', 'Tasmania', '700#', -42.8821, 147.3272, 'Australia/Hobart', ['en'], ['en-AU'], 1, { districts: ['Sandy Bay', 'Glenorchy', 'Moonah'] }),
      city('Darwin', 'Northern Territory', '08##', -12.4634, 130.8456, 'Australia/Darwin', ['en'], ['en-AU'], 1, { districts: ['Tiwi', 'Casuarina', 'Palmerston'], communities: ['Aboriginal communities in remote areas'] }),
    ],
  },
];

/** English names of the languages above, for the words of feedback and actions. */
export const LANGUAGE_NAMES: Record<string, string> = {
  es: 'Spanish', ca: 'Catalan', 'ca-valencia': 'Valencian', eu: 'Basque', gl: 'Galician', fr: 'French',
  de: 'German', it: 'Italian', nl: 'Dutch', pl: 'Polish', sv: 'Swedish', en: 'English', ga: 'Irish',
  cy: 'Welsh', pt: 'Portuguese', ja: 'Japanese', yua: 'Yucatec Maya', zap: 'Zapotec', zh: 'Chinese',
};

export interface NamingDefinition {
  /** Templates per kind: {city}, {patron}, {district}, {surname}. */
  templates: Record<SiteKind, string[]>;
  patrons: string[];
}

export const NAMING: Record<NamingStyle, NamingDefinition> = {
  es: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Hospital Universitario {patron}', 'Complejo Hospitalario Universitario de {city}', 'Hospital Clínico Universitario de {city}'],
      HOSPITAL: ['Hospital {patron}', 'Hospital General de {district}', 'Clínica {patron}'],
      RESEARCH_CENTER: ['Instituto de Investigación Sanitaria {patron}', 'Centro de Investigación Clínica de {city}', 'Unidad de Ensayos Clínicos {patron}'],
      COMMUNITY_CLINIC: ['Centro de Salud {district}', 'Centro de Especialidades {district}'],
      SITE_NETWORK_MEMBER: ['Red de Investigación Clínica {patron} – {district}', 'Red de Ensayos de {city} – {district}'],
    },
    patrons: ['San Rafael', 'Santa Lucía', 'Virgen de la Esperanza', 'San Cecilio', 'Nuestra Señora de Valme', 'Doctor Peset Aleixandre', 'Santa Cristina', 'San Pedro Alcántara', 'Virgen de las Nieves', 'Infanta Elena', 'Doctor Negrín', 'Los Almendros'],
  },
  ca: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Hospital Universitari {patron}', 'Consorci Hospitalari Universitari de {city}'],
      HOSPITAL: ['Hospital de {patron}', 'Hospital Comarcal de {district}', 'Clínica {patron}'],
      RESEARCH_CENTER: ['Institut de Recerca {patron}', 'Centre de Recerca Clínica de {city}'],
      COMMUNITY_CLINIC: ["Centre d'Atenció Primària {district}", 'Centre de Salut {district}'],
      SITE_NETWORK_MEMBER: ['Xarxa de Recerca Clínica {patron} – {district}'],
    },
    patrons: ['Sant Jordi', 'Santa Eulàlia', 'Sant Josep', 'Mare de Déu del Mar', 'Doctor Puigvert', 'Santa Tecla', 'Sant Joan de Reus', 'Verge de la Cinta', 'Sant Bernabé', 'Santa Maria del Camí'],
  },
  eu: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{patron} Unibertsitate Ospitalea'],
      HOSPITAL: ['{patron} Ospitalea', '{district} Ospitalea'],
      RESEARCH_CENTER: ['{patron} Osasun Ikerketa Institutua'],
      COMMUNITY_CLINIC: ['{district} Osasun Zentroa'],
      SITE_NETWORK_MEMBER: ['{patron} Ikerketa Sarea – {district}'],
    },
    patrons: ['Gurutzeta', 'Santa Marina', 'Begoña', 'Urduliz', 'Zorrotzaurre', 'Txagorritxu', 'Aranzazu'],
  },
  gl: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Complexo Hospitalario Universitario de {city}'],
      HOSPITAL: ['Hospital {patron}', 'Hospital Comarcal de {district}'],
      RESEARCH_CENTER: ['Instituto de Investigación Sanitaria {patron}'],
      COMMUNITY_CLINIC: ['Centro de Saúde {district}'],
      SITE_NETWORK_MEMBER: ['Rede de Investigación Clínica {patron} – {district}'],
    },
    patrons: ['Santa Susana', 'Rosalía de Castro', 'Nosa Señora da Barca', 'San Rosendo', 'Álvaro Cunqueiro'],
  },
  fr: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Centre Hospitalier Universitaire de {city}', 'Hôpital Universitaire {patron}', 'Hôpitaux Universitaires de {city} – site {district}'],
      HOSPITAL: ['Hôpital {patron}', 'Centre Hospitalier de {district}', 'Clinique {patron}'],
      RESEARCH_CENTER: ['Institut de Recherche Clinique {patron}', "Centre d'Investigation Clinique de {city}"],
      COMMUNITY_CLINIC: ['Maison de Santé {district}', 'Centre Médical {district}'],
      SITE_NETWORK_MEMBER: ['Réseau de Recherche Clinique {patron} – {district}'],
    },
    patrons: ['Sainte-Marguerite', 'Jean Moulin', 'Saint-Joseph', 'Louise Michel', 'Émile Roux', 'Simone Veil', 'Sainte-Thérèse', 'Ambroise Paré', 'Saint-Éloi', 'Jeanne de Flandre'],
  },
  de: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Universitätsklinikum {city}', 'Klinikum der Universität {city} – Campus {district}'],
      HOSPITAL: ['St. {patron}-Krankenhaus', 'Klinikum {city}-{district}', 'Städtisches Klinikum {district}'],
      RESEARCH_CENTER: ['Zentrum für Klinische Studien {city}', 'Institut für Klinische Forschung {district}'],
      COMMUNITY_CLINIC: ['Medizinisches Versorgungszentrum {district}', 'Praxisklinik {district}'],
      SITE_NETWORK_MEMBER: ['Studiennetzwerk {city} – Standort {district}'],
    },
    patrons: ['Elisabeth', 'Josef', 'Marien', 'Vinzenz', 'Hedwig', 'Franziskus', 'Anna', 'Martin', 'Barbara'],
  },
  'de-CH': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Universitätsspital {city}'],
      HOSPITAL: ['Kantonsspital {city}', 'Spital {district}', 'Klinik {patron}'],
      RESEARCH_CENTER: ['Zentrum für Klinische Forschung {city}'],
      COMMUNITY_CLINIC: ['Gesundheitszentrum {district}', 'Hausarztpraxis {district}'],
      SITE_NETWORK_MEMBER: ['Studiennetz {city} – {district}'],
    },
    patrons: ['Lindberg', 'Sonnenhof', 'Hirslanden-Park', 'Bethanien', 'Seeblick', 'Engeried'],
  },
  it: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Azienda Ospedaliero-Universitaria di {city}', 'Policlinico Universitario {patron}'],
      HOSPITAL: ['Ospedale {patron}', 'Ospedale Civile di {district}', 'Casa di Cura {patron}'],
      RESEARCH_CENTER: ['Istituto di Ricerca Clinica {patron}', 'Centro Studi Clinici di {city}'],
      COMMUNITY_CLINIC: ['Casa della Salute {district}', 'Poliambulatorio {district}'],
      SITE_NETWORK_MEMBER: ['Rete di Ricerca Clinica {patron} – {district}'],
    },
    patrons: ['San Matteo', 'Santa Chiara', 'San Giuseppe', 'Santa Caterina', 'San Luca', "Sant'Anna", 'Madonna delle Grazie', 'San Bassiano', 'Santa Rita'],
  },
  nl: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Universitair Medisch Centrum {city}', 'Academisch Ziekenhuis {city}'],
      HOSPITAL: ['{patron} Ziekenhuis', 'Ziekenhuis {district}', 'Medisch Centrum {patron}'],
      RESEARCH_CENTER: ['Centrum voor Klinisch Onderzoek {city}', 'Onderzoekscentrum {patron}'],
      COMMUNITY_CLINIC: ['Gezondheidscentrum {district}', 'Huisartsenpraktijk {district}'],
      SITE_NETWORK_MEMBER: ['Onderzoeksnetwerk {patron} – {district}'],
    },
    patrons: ['Sint Jacobus', 'Sint Lucas', 'Amstelland', 'Waterland', 'Lindenhof', 'Bethesda', 'Sint Elisabeth', 'Zuiderkruis'],
  },
  pl: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Uniwersytecki Szpital Kliniczny im. {patron}', 'Uniwersyteckie Centrum Medyczne {city}'],
      HOSPITAL: ['Szpital Specjalistyczny im. {patron}', 'Szpital Miejski {district}'],
      RESEARCH_CENTER: ['Centrum Badań Klinicznych {patron}', 'Ośrodek Badań Klinicznych {district}'],
      COMMUNITY_CLINIC: ['Przychodnia {district}', 'Centrum Medyczne {district}'],
      SITE_NETWORK_MEMBER: ['Sieć Badań Klinicznych {patron} – {district}'],
    },
    patrons: ['Jana Pawła II', 'Marii Skłodowskiej-Curie', 'Ludwika Rydygiera', 'Józefa Babińskiego', 'Karola Marcinkowskiego', 'Władysława Biegańskiego', 'Tytusa Chałubińskiego'],
  },
  sv: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Universitetssjukhuset i {city}'],
      HOSPITAL: ['Sjukhuset i {district}', '{patron}sjukhuset'],
      RESEARCH_CENTER: ['Kliniskt forskningscentrum {city}'],
      COMMUNITY_CLINIC: ['Vårdcentral {district}', 'Hälsocentral {district}'],
      SITE_NETWORK_MEMBER: ['Forskningsnätverket {city} – {district}'],
    },
    patrons: ['Ersta', 'Sankta Maria', 'Lindö', 'Sophia', 'Björkhagen', 'Vidar'],
  },
  'en-GB': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{city} University Hospitals NHS Foundation Trust', 'Royal {city} Infirmary'],
      HOSPITAL: ["St {patron}'s Hospital", '{district} General Hospital', '{district} Community Hospital'],
      RESEARCH_CENTER: ['{city} Clinical Research Facility', '{patron} Institute for Clinical Trials'],
      COMMUNITY_CLINIC: ['{district} Medical Centre', '{district} Health Centre', '{district} Surgery'],
      SITE_NETWORK_MEMBER: ['{city} Research Network – {district} Practice'],
    },
    patrons: ['Mary', 'George', 'Thomas', 'Luke', 'Helen', 'Margaret', 'Andrew', 'Catherine', 'James', 'Anne'],
  },
  'en-IE': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{city} University Hospital', "St {patron}'s University Hospital"],
      HOSPITAL: ['{patron} Hospital {city}', '{district} Regional Hospital'],
      RESEARCH_CENTER: ['{city} Clinical Research Facility'],
      COMMUNITY_CLINIC: ['{district} Primary Care Centre'],
      SITE_NETWORK_MEMBER: ['Irish Clinical Trials Network – {district}'],
    },
    patrons: ['Brigid', 'Columba', 'Kevin', 'Finbarr', 'Ita', 'Declan'],
  },
  'en-US': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{city} University Medical Center', 'University of {region} Health – {city}', '{surname} Academic Medical Center'],
      HOSPITAL: ['{surname} Memorial Hospital', "St. {patron}'s Hospital", '{district} Regional Medical Center'],
      RESEARCH_CENTER: ['{city} Clinical Research Institute', '{surname} Research Center'],
      COMMUNITY_CLINIC: ['{district} Community Health Center', '{district} Family Clinic'],
      SITE_NETWORK_MEMBER: ['{surname} Research Network – {district}'],
    },
    patrons: ['Vincent', 'Luke', 'Joseph', 'Mary', 'Francis', 'Elizabeth', 'Jude', 'Anthony'],
  },
  'en-CA': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{city} Health Sciences Centre', '{city} University Health Network'],
      HOSPITAL: ['{city} General Hospital', "St. {patron}'s Hospital", '{district} Community Hospital'],
      RESEARCH_CENTER: ['{city} Clinical Research Centre'],
      COMMUNITY_CLINIC: ['{district} Community Health Centre'],
      SITE_NETWORK_MEMBER: ['{region} Clinical Trials Network – {district}'],
    },
    patrons: ['Michael', 'Boniface', 'Paul', 'Clare', 'Joseph'],
  },
  'fr-CA': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Centre hospitalier universitaire de {city}', 'Centre universitaire de santé de {city}'],
      HOSPITAL: ['Hôpital {patron}', 'Hôpital de {district}'],
      RESEARCH_CENTER: ['Centre de recherche clinique {patron}'],
      COMMUNITY_CLINIC: ['CLSC {district}', 'Clinique médicale {district}'],
      SITE_NETWORK_MEMBER: ['Réseau québécois de recherche clinique – {district}'],
    },
    patrons: ['Notre-Dame-de-la-Merci', 'Saint-Sacrement', 'Sainte-Justine-du-Parc', 'Maisonneuve', "L'Enfant-Jésus", 'Charles-Le Moyne'],
  },
  'pt-BR': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Hospital das Clínicas de {city}', 'Hospital Universitário {patron}'],
      HOSPITAL: ['Hospital {patron}', 'Santa Casa de Misericórdia de {city}', 'Hospital Municipal de {district}'],
      RESEARCH_CENTER: ['Centro de Pesquisa Clínica {patron}', 'Instituto de Pesquisa Clínica de {city}'],
      COMMUNITY_CLINIC: ['Unidade Básica de Saúde {district}', 'Clínica {district}'],
      SITE_NETWORK_MEMBER: ['Rede de Pesquisa Clínica {patron} – {district}'],
    },
    patrons: ['São Lucas', 'Santa Izabel', 'Nossa Senhora da Conceição', 'São José', 'Santa Marta', 'Dom Pedro II', 'São Vicente de Paulo'],
  },
  'es-MX': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Hospital Universitario de {city}', 'Centro Médico Universitario {patron}'],
      HOSPITAL: ['Hospital General de {district}', 'Hospital {patron}', 'Sanatorio {patron}'],
      RESEARCH_CENTER: ['Centro de Investigación Clínica {patron}', 'Unidad de Investigación Clínica de {city}'],
      COMMUNITY_CLINIC: ['Clínica de Medicina Familiar {district}', 'Centro de Salud {district}'],
      SITE_NETWORK_MEMBER: ['Red de Investigación Clínica {patron} – {district}'],
    },
    patrons: ['San José', 'Santa Fe', 'Del Valle', 'Dr. Eduardo Liceaga', 'Santa Mónica', 'Guadalupe', 'San Ángel'],
  },
  ja: {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['{city} University Hospital', '{city} Medical University Hospital'],
      HOSPITAL: ['{city} Red Cross Hospital', '{district} General Hospital', 'National Hospital Organization {city} Medical Center'],
      RESEARCH_CENTER: ['{city} Clinical Research Center', '{patron} Institute for Clinical Trials'],
      COMMUNITY_CLINIC: ['{district} Clinic', '{district} Internal Medicine Clinic'],
      SITE_NETWORK_MEMBER: ['{city} Clinical Trial Network – {district}'],
    },
    patrons: ['Sakura', 'Midori', 'Aoi', 'Hikari', 'Asahi', 'Kaede'],
  },
  'en-AU': {
    templates: {
      ACADEMIC_MEDICAL_CENTER: ['Royal {city} Hospital', '{city} University Hospital'],
      HOSPITAL: ["St {patron}'s Hospital {city}", '{district} Hospital'],
      RESEARCH_CENTER: ['{city} Clinical Trials Centre'],
      COMMUNITY_CLINIC: ['{district} Medical Centre', '{district} Community Health Service'],
      SITE_NETWORK_MEMBER: ['{region} Research Network – {district}'],
    },
    patrons: ['Vincent', 'John of God', 'Andrew', 'George', 'Mary'],
  },
};

// Organisations -------------------------------------------------------------------------------

/** Invented company names: a stem from two syllables and a corporate ending. */
export const SPONSOR_NAME_PARTS = {
  starts: ['Vel', 'Or', 'Hel', 'Lum', 'Cal', 'Nyx', 'Zen', 'Ar', 'Quor', 'Sol', 'Ther', 'Ax', 'Ven', 'Cor', 'Myr', 'Lys', 'Pra', 'Nov', 'Sta', 'Tri', 'Aur', 'Bel', 'Cer', 'Del', 'Eli', 'Fen', 'Gal', 'Iso', 'Kal', 'Mer'],
  ends: ['trana', 'biqon', 'ixar', 'enta', 'ovis', 'agen', 'elia', 'arix', 'omune', 'acept', 'ivo', 'eon', 'yra', 'ostat', 'uvia', 'andra', 'exis', 'oria'],
  industrySuffixes: ['Therapeutics', 'Pharma', 'Biosciences', 'Bio', 'Pharmaceuticals', 'Biotech', 'Life Sciences', 'Medicines', 'Biopharma'],
};

export const CRO_NAME_PARTS = {
  stems: ['Kestrel', 'Harbourline', 'Solvane', 'Trivance', 'Cobaltia', 'Northmere', 'Veritrial', 'Brightwater', 'Lindqvist', 'Orrery', 'Castellan', 'Pinecrest', 'Aldersgate', 'Meridiem', 'Halcyra', 'Quillon', 'Tessaly', 'Varenne', 'Westerly', 'Zephyrine', 'Arbourne', 'Calloway', 'Dunmore', 'Ebbridge'],
  middles: ['Clinical', 'Research', 'Trials', 'Clinical Research', 'Clinical Development'],
  endings: ['Partners', 'Group', 'Services', 'International', 'Solutions', 'Associates', ''],
};

export const ACADEMIC_SPONSOR_TEMPLATES: Record<string, string[]> = {
  ES: ['Fundación para la Investigación Biomédica de {city}', 'Grupo Español de Investigación en {areaEs}'],
  US: ['{city} Cooperative Research Group', 'University of {region} Clinical Trials Office'],
  DE: ['Studienzentrale der Universität {city}', 'Deutsche Studiengruppe {areaDe}'],
  FR: ['Groupe Coopérateur {city} de Recherche Clinique', 'Délégation à la Recherche Clinique de {city}'],
  IT: ['Gruppo Italiano di Ricerca in {areaIt}', 'Fondazione per la Ricerca Clinica di {city}'],
  GB: ['{city} Clinical Trials Unit', 'UK {area} Trials Collaborative'],
  NL: ['Dutch {area} Research Consortium', 'Stichting Klinisch Onderzoek {city}'],
  PL: ['Polska Grupa Badawcza {areaPl}'],
  BE: ['Belgian {area} Study Group'],
  CH: ['Swiss {area} Research Group'],
  SE: ['Swedish {area} Trials Group'],
  IE: ['Irish {area} Trials Consortium'],
  CA: ['Canadian {area} Trials Group'],
  BR: ['Grupo Brasileiro de Pesquisa em {areaPt}'],
  MX: ['Grupo Mexicano de Investigación en {areaEs}'],
  JP: ['Japan {area} Study Group'],
  AU: ['Australasian {area} Trials Group'],
};

export const AREA_WORDS: Record<TherapeuticArea, { en: string; es: string; de: string; it: string; pl: string; pt: string }> = {
  ONCOLOGY: { en: 'Oncology', es: 'Oncología', de: 'Onkologie', it: 'Oncologia', pl: 'Onkologii', pt: 'Oncologia' },
  CARDIOLOGY: { en: 'Cardiology', es: 'Cardiología', de: 'Kardiologie', it: 'Cardiologia', pl: 'Kardiologii', pt: 'Cardiologia' },
  NEUROLOGY: { en: 'Neurology', es: 'Neurología', de: 'Neurologie', it: 'Neurologia', pl: 'Neurologii', pt: 'Neurologia' },
  INFECTIOUS_DISEASE: { en: 'Infectious Diseases', es: 'Enfermedades Infecciosas', de: 'Infektiologie', it: 'Malattie Infettive', pl: 'Chorób Zakaźnych', pt: 'Doenças Infecciosas' },
  ENDOCRINOLOGY: { en: 'Diabetes and Endocrinology', es: 'Endocrinología', de: 'Endokrinologie', it: 'Endocrinologia', pl: 'Endokrynologii', pt: 'Endocrinologia' },
  RESPIRATORY: { en: 'Respiratory', es: 'Neumología', de: 'Pneumologie', it: 'Pneumologia', pl: 'Pulmonologii', pt: 'Pneumologia' },
  RHEUMATOLOGY: { en: 'Rheumatology', es: 'Reumatología', de: 'Rheumatologie', it: 'Reumatologia', pl: 'Reumatologii', pt: 'Reumatologia' },
  RARE_DISEASES: { en: 'Rare Diseases', es: 'Enfermedades Raras', de: 'Seltene Erkrankungen', it: 'Malattie Rare', pl: 'Chorób Rzadkich', pt: 'Doenças Raras' },
  GASTROENTEROLOGY: { en: 'Gastroenterology', es: 'Gastroenterología', de: 'Gastroenterologie', it: 'Gastroenterologia', pl: 'Gastroenterologii', pt: 'Gastroenterologia' },
  DERMATOLOGY: { en: 'Dermatology', es: 'Dermatología', de: 'Dermatologie', it: 'Dermatologia', pl: 'Dermatologii', pt: 'Dermatologia' },
  PSYCHIATRY: { en: 'Mental Health', es: 'Psiquiatría', de: 'Psychiatrie', it: 'Psichiatria', pl: 'Psychiatrii', pt: 'Psiquiatria' },
  NEPHROLOGY: { en: 'Kidney', es: 'Nefrología', de: 'Nephrologie', it: 'Nefrologia', pl: 'Nefrologii', pt: 'Nefrologia' },
  HEMATOLOGY: { en: 'Haematology', es: 'Hematología', de: 'Hämatologie', it: 'Ematologia', pl: 'Hematologii', pt: 'Hematologia' },
  OPHTHALMOLOGY: { en: 'Eye Research', es: 'Oftalmología', de: 'Augenheilkunde', it: 'Oftalmologia', pl: 'Okulistyki', pt: 'Oftalmologia' },
};

export const GOVERNMENT_SPONSOR_TEMPLATES = ['{country} National Clinical Research Agency', '{country} Ministry of Health – Clinical Research Office', '{country} Public Health Research Programme'];
export const NONPROFIT_SPONSOR_TEMPLATES = ['{condition} Research Foundation', '{country} Foundation for {area}', '{condition} Alliance'];

// Words of the trade --------------------------------------------------------------------------

export const AMENDMENT_REASONS = [
  'Reduced visit frequency after site and patient feedback',
  'Broadened eligibility criteria to improve recruitment',
  'Added safety monitoring requested by the Data Monitoring Committee',
  'Added an exploratory endpoint',
  'Added countries to meet the enrollment target',
  'Clarified the primary endpoint definition',
  'Removed redundant pharmacokinetic sampling',
] as const;
export type AmendmentReason = (typeof AMENDMENT_REASONS)[number];

export const ACTIVITIES: readonly Activity[] = [
  'PROTOCOL_DESIGN', 'SITE_FEASIBILITY', 'SITE_SELECTION', 'REGULATORY_SUBMISSION',
  'SITE_CONTRACTS', 'SITE_PAYMENTS', 'SITE_TRAINING', 'PATIENT_RECRUITMENT',
  'SITE_MONITORING', 'DATA_MANAGEMENT', 'SAFETY_REPORTING', 'TRANSLATION',
];

/** The agreed measures CROs report on; `lowerIsBetter` decides how actual compares to target. */
export const KPI_CATALOGUE = [
  { kpi: 'Site activation cycle time', unit: 'days', target: [90, 150], lowerIsBetter: true },
  { kpi: 'Screen failure rate', unit: '%', target: [20, 45], lowerIsBetter: true },
  { kpi: 'Query resolution time', unit: 'days', target: [5, 10], lowerIsBetter: true },
  { kpi: 'Monitoring report turnaround', unit: 'days', target: [10, 15], lowerIsBetter: true },
  { kpi: 'Enrollment versus plan', unit: '%', target: [90, 100], lowerIsBetter: false },
  { kpi: 'Protocol deviations per site', unit: 'count', target: [2, 5], lowerIsBetter: true },
  { kpi: 'Data entry timeliness', unit: 'days', target: [3, 7], lowerIsBetter: true },
] as const;

export const ESCALATION_PATHS: string[][] = [
  ['Clinical research associate', 'CRO project manager', 'Sponsor study manager', 'Sponsor head of clinical operations'],
  ['CRO project manager', 'Sponsor clinical trial lead', 'Joint steering committee'],
  ['Site contact', 'CRO country lead', 'CRO project director', 'Sponsor study director'],
];

export const ACTION_TEMPLATES: { text: string; severity: ('LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL')[]; raisedBy: ('SPONSOR' | 'CRO' | 'SITE')[] }[] = [
  { text: 'Site contract for {site} stuck in legal review', severity: ['MEDIUM', 'HIGH'], raisedBy: ['CRO', 'SITE'] },
  { text: 'Informed consent translation into {language} overdue', severity: ['MEDIUM', 'HIGH'], raisedBy: ['SITE', 'CRO'] },
  { text: 'CRA handover at {site} done without a joint visit', severity: ['MEDIUM'], raisedBy: ['SITE'] },
  { text: 'Monitoring visit report for {site} overdue', severity: ['LOW', 'MEDIUM'], raisedBy: ['SPONSOR'] },
  { text: 'Site payments to {site} delayed by more than 60 days', severity: ['HIGH', 'CRITICAL'], raisedBy: ['SITE'] },
  { text: 'Unclear who approves patient recruitment materials', severity: ['MEDIUM'], raisedBy: ['CRO', 'SPONSOR'] },
  { text: 'Source data verified twice by sponsor and CRO monitors at {site}', severity: ['LOW', 'MEDIUM'], raisedBy: ['SITE'] },
  { text: 'EDC query backlog above 200 open queries', severity: ['MEDIUM', 'HIGH'], raisedBy: ['SPONSOR', 'CRO'] },
  { text: 'SAE reconciliation discrepancies between safety and clinical databases', severity: ['HIGH', 'CRITICAL'], raisedBy: ['SPONSOR'] },
  { text: 'Investigational product shortfall expected at {site}', severity: ['HIGH', 'CRITICAL'], raisedBy: ['SITE', 'CRO'] },
  { text: 'Ethics committee resubmission needed for protocol amendment', severity: ['MEDIUM'], raisedBy: ['CRO'] },
  { text: 'Screening log at {site} not updated for six weeks', severity: ['LOW'], raisedBy: ['CRO'] },
];

export const FEEDBACK_BODIES: Record<'FEASIBILITY' | 'PATIENT_BURDEN' | 'STAFFING' | 'ELIGIBILITY' | 'VISIT_SCHEDULE' | 'LANGUAGE' | 'OTHER', string[]> = {
  FEASIBILITY: [
    'We see about {n} eligible patients a year; the target of {target} per site is not realistic for us.',
    'The protocol needs {procedure} on site, which we can only offer through the radiology department with a six-week wait.',
    'Competing trials in {condition} at our site recruit from the same patients.',
  ],
  PATIENT_BURDEN: [
    '{visit} combines {procedure} with other assessments: at {minutes} minutes it is too long for patients travelling from outside {city}.',
    'Patients tell us the number of blood draws in the first month is the main reason they hesitate to join.',
    'Fasting before {visit} and a long visit is hard for older participants; could the fasting sample move to a shorter visit?',
  ],
  STAFFING: [
    'The schedule needs a coordinator at the site for {minutes} minutes per visit; we only have {fte} FTE for all trials.',
    'Our pharmacist cannot cover weekend dosing windows; please allow a ±2 day window.',
  ],
  ELIGIBILITY: [
    'Exclusion of patients with eGFR below 60 rules out most of our {condition} population.',
    'The upper age limit excludes many patients we treat; is it scientifically needed?',
    'Prior therapy requirements exclude patients treated under our regional guideline.',
  ],
  VISIT_SCHEDULE: [
    'Weekly visits in the first {weeks} weeks clash with our clinic days; could some be remote?',
    'Visit windows of ±1 day are hard to keep over public holidays in {city}.',
    '{visit} falls in our {closure}; we ask for a wider window.',
  ],
  LANGUAGE: [
    'The patient diary is only available in {languageA}; many of our participants read {languageB} more comfortably.',
    'Informed consent is not yet translated into {languageB}, so we cannot approach part of our population.',
    'The questionnaires use wording that does not translate well into {languageA}; patients ask our staff what items mean.',
  ],
  OTHER: [
    'The central lab kits expire before we can use them at our recruitment rate.',
    'Courier pick-ups for samples are not available on Fridays in {city}.',
    'The eCRF asks for data we do not collect in routine care.',
  ],
};

export const FEEDBACK_RESPONSES: Record<'ACKNOWLEDGED' | 'ADOPTED' | 'DECLINED', string[]> = {
  ACKNOWLEDGED: [
    'Thank you: the study team is reviewing this with the steering committee.',
    'Noted; we will come back after the next protocol review meeting.',
  ],
  ADOPTED: [
    'Agreed: the next amendment changes this as you suggest.',
    'Adopted: we have widened the window and will send updated guidance.',
    'Thank you, we have added remote options for this visit in the amendment.',
  ],
  DECLINED: [
    'We cannot change this without affecting the primary endpoint; we will reimburse extra travel instead.',
    'Regulators asked for this assessment, so it has to stay; we will fund extra coordinator time.',
  ],
};

/** Patient advocacy groups of the demo dataset (invented names). */
export const ADVOCACY_GROUPS: { id: string; name: string }[] = [
  { id: 'advocates-01', name: 'Patients at the Table' },
  { id: 'advocates-02', name: 'Rare Voices Network' },
  { id: 'advocates-03', name: 'Cancer Patients Council' },
  { id: 'advocates-04', name: 'Heart and Lung Patient Forum' },
];

export const ADVOCATE_FINDINGS: { area: string; recommendations: string[] }[] = [
  { area: 'Visit schedule', recommendations: ['Combine the week 2 and week 4 visits or offer one of them remotely.', 'Offer evening or Saturday visit slots.'] },
  { area: 'Travel and reimbursement', recommendations: ['Pay travel costs up front rather than reimbursing weeks later.', 'Arrange transport for patients living more than 50 km away.'] },
  { area: 'Informed consent', recommendations: ['Shorten the consent form and add a one-page summary in plain language.', 'Offer a video explaining randomisation.'] },
  { area: 'Procedure burden', recommendations: ['Replace one of the biopsies with a blood-based test where possible.', 'Reduce the number of blood draws in the first month.'] },
  { area: 'Eligibility', recommendations: ['Relax the upper age limit, which excludes many patients living with the condition.', 'Allow stable comorbidities common in this population.'] },
  { area: 'Questionnaires and diaries', recommendations: ['Cut overlapping questionnaires; patients answer the same questions twice.', 'Offer the diary on paper as well as on the app.'] },
  { area: 'Language access', recommendations: ['Translate patient materials into the main community languages at each site.', 'Fund interpreters for study visits.'] },
  { area: 'Results sharing', recommendations: ['Send participants a plain-language summary of the results.', 'Tell participants which arm they were in after unblinding.'] },
];

export const INVESTMENT_CATALOGUE: Record<'TRAINING' | 'EQUIPMENT' | 'STAFFING' | 'TECHNOLOGY', { description: string; range: [number, number]; asset?: 'IMAGING' | 'LAB_EQUIPMENT' | 'INFUSION_CHAIR' | 'FREEZER' | 'SOFTWARE' | 'OTHER' }[]> = {
  TRAINING: [
    { description: 'GCP refresher course for the research team', range: [2000, 8000] },
    { description: 'eCOA device training for study coordinators', range: [1500, 6000] },
    { description: 'Training on RECIST 1.1 tumour assessments', range: [3000, 12000] },
    { description: 'Certification course for a new study coordinator', range: [4000, 15000] },
  ],
  EQUIPMENT: [
    { description: '-80 °C freezer for biobank samples', range: [9000, 25000], asset: 'FREEZER' },
    { description: 'Infusion chairs for the day unit', range: [12000, 60000], asset: 'INFUSION_CHAIR' },
    { description: 'Refrigerated centrifuge', range: [8000, 20000], asset: 'LAB_EQUIPMENT' },
    { description: 'Portable ultrasound system', range: [30000, 90000], asset: 'IMAGING' },
    { description: 'Spirometer with quality-controlled software', range: [5000, 15000], asset: 'LAB_EQUIPMENT' },
  ],
  STAFFING: [
    { description: 'Funded 0.5 FTE study coordinator for 12 months', range: [25000, 45000] },
    { description: 'Bilingual patient navigator', range: [20000, 40000] },
    { description: 'Research nurse for weekend dosing visits', range: [30000, 60000] },
  ],
  TECHNOLOGY: [
    { description: 'eConsent tablets and licences', range: [5000, 20000], asset: 'SOFTWARE' },
    { description: 'Remote source data verification access', range: [8000, 30000], asset: 'SOFTWARE' },
    { description: 'EHR-to-EDC integration', range: [30000, 120000], asset: 'SOFTWARE' },
    { description: 'Telehealth kit for remote visits', range: [4000, 15000], asset: 'OTHER' },
  ],
};

export const SITE_ASSETS: { kind: 'IMAGING' | 'LAB_EQUIPMENT' | 'INFUSION_CHAIR' | 'FREEZER' | 'SOFTWARE' | 'OTHER'; description: string; quantity: [number, number] }[] = [
  { kind: 'IMAGING', description: '3T MRI scanner shared with radiology', quantity: [1, 2] },
  { kind: 'IMAGING', description: 'CT scanner', quantity: [1, 3] },
  { kind: 'IMAGING', description: 'Ultrasound system', quantity: [1, 4] },
  { kind: 'LAB_EQUIPMENT', description: 'Refrigerated centrifuge', quantity: [1, 4] },
  { kind: 'LAB_EQUIPMENT', description: 'Point-of-care HbA1c analyser', quantity: [1, 2] },
  { kind: 'INFUSION_CHAIR', description: 'Infusion chairs in the day unit', quantity: [2, 12] },
  { kind: 'FREEZER', description: '-80 °C freezer', quantity: [1, 4] },
  { kind: 'FREEZER', description: 'Temperature-monitored pharmacy fridge', quantity: [1, 3] },
  { kind: 'SOFTWARE', description: 'Electronic source (eSource) system', quantity: [1, 1] },
  { kind: 'SOFTWARE', description: 'Clinical trial management system licence', quantity: [1, 1] },
  { kind: 'OTHER', description: 'Dedicated trial pharmacy room', quantity: [1, 1] },
  { kind: 'OTHER', description: 'Private consultation rooms for study visits', quantity: [1, 6] },
];

export const STAFF_TRAININGS = {
  gcp: { name: 'GCP (ICH E6(R3))', validDays: 3 * 365 },
  iata: { name: 'IATA dangerous goods shipping (Category B)', validDays: 2 * 365 },
  consent: { name: 'Informed consent process', validDays: null },
  pharmacy: { name: 'Investigational product handling', validDays: 2 * 365 },
  data: { name: 'EDC and query management', validDays: null },
} as const;

export const BLACKOUT_REASONS = ['EHR system migration', 'Research unit relocation', 'Accreditation inspection', 'Refurbishment of the day unit'];

export const CRO_LANGUAGES_BY_REGION: Record<CroRegion, string[]> = {
  EUROPE: ['es', 'fr', 'de', 'it', 'nl', 'pl', 'sv', 'ca'],
  NORTH_AMERICA: ['es', 'fr'],
  LATIN_AMERICA: ['es', 'pt'],
  ASIA_PACIFIC: ['ja', 'zh'],
};
