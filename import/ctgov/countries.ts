// Country names as the registry writes them → ISO 3166-1 alpha-2. The names come from Node's own
// CLDR data (Intl.DisplayNames), so every current country is known without a table of our own;
// the registry's older or formal spellings that CLDR words differently are listed below.
import { foldName } from './normalise';

/** The registry's spellings CLDR does not use (folded by foldName before comparing). */
const REGISTRY_SPELLINGS: Record<string, string> = {
  'Korea, Republic of': 'KR',
  "Korea, Democratic People's Republic of": 'KP',
  'Russian Federation': 'RU',
  Turkey: 'TR',
  'Turkey (Türkiye)': 'TR',
  'Iran, Islamic Republic of': 'IR',
  'Hong Kong': 'HK',
  Macau: 'MO',
  Macao: 'MO',
  'Moldova, Republic of': 'MD',
  'Syrian Arab Republic': 'SY',
  'Tanzania, United Republic of': 'TZ',
  "Lao People's Democratic Republic": 'LA',
  'Congo, The Democratic Republic of the': 'CD',
  Congo: 'CG',
  "Côte D'Ivoire": 'CI',
  'Palestinian Territory, occupied': 'PS',
  'Palestine, State of': 'PS',
  'Virgin Islands (U.S.)': 'VI',
  'Macedonia, The Former Yugoslav Republic of': 'MK',
  'Brunei Darussalam': 'BN',
  'Viet Nam': 'VN',
  'Czech Republic': 'CZ',
  'Libyan Arab Jamahiriya': 'LY',
  'Micronesia, Federated States of': 'FM',
  Swaziland: 'SZ',
  'Cape Verde': 'CV',
  Myanmar: 'MM',
  Burma: 'MM',
  'Holy See (Vatican City State)': 'VA',
  'Bolivia, Plurinational State of': 'BO',
  'Venezuela, Bolivarian Republic of': 'VE',
};

/** CLDR region codes that are not countries (EU, UN, "Unknown Region", …) or not ISO 3166-1 codes. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'XK', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

function countryTable(): Map<string, string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const table = new Map<string, string>();
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      // A withdrawn code (SU, BU, YU, …) canonicalises to its successor: only current codes count.
      const current = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
      const name = NOT_COUNTRIES.has(code) || !current ? undefined : names.of(code);
      if (!name) continue;
      table.set(foldName(name), code);
      // "Myanmar (Burma)", "Hong Kong SAR China": the name without its qualifier too.
      table.set(foldName(name.replace(/\s*\(.*\)$/, '').replace(/ SAR China$/, '')), code);
    }
  }
  for (const [name, code] of Object.entries(REGISTRY_SPELLINGS)) table.set(foldName(name), code);
  return table;
}

let table: Map<string, string> | null = null;

/** The ISO 3166-1 alpha-2 code of a country name, or null when the name is not a country we know. */
export function countryCode(name: string): string | null {
  table ??= countryTable();
  return table.get(foldName(name)) ?? null;
}
