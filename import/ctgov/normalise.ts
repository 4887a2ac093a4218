// How names from the registry are compared: the same organisation or facility is spelled with and
// without accents, in other cases, with '&' for 'and' and with stray punctuation across records.

/** Lower case, accents dropped, '&' read as 'and', punctuation as a space, spaces collapsed. */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // An apostrophe joins its word (Children's, D'Hebron): no space where it was.
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A lower-case slug of at most `max` characters for readable ids. */
export function slug(value: string, max = 40): string {
  const words = foldName(value).replace(/ /g, '-');
  return words.length <= max ? words : words.slice(0, max).replace(/-[^-]*$/, '') || words.slice(0, max);
}

/** "M.D." and "S.A." fold to "m d" and "s a": initials written apart are joined again ("md", "sa"). */
const joinInitials = (folded: string) => folded.replace(/\b([a-z0-9]) (?=[a-z0-9]\b)/g, '$1');

/** Words that spellings of one name keep or drop ("CHU de Bordeaux", "CHU Bordeaux"). */
const FUNCTION_WORDS = new Set(['the', 'of', 'de', 'del', 'della', 'des', 'du', 'la', 'le', 'les', 'di', 'da', 'and', 'und', 'et', 'y']);

/** Legal forms after an organisation's name: "Medpace, Inc." is Medpace. */
const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'gmbh', 'ag', 'sa', 'srl', 'spa', 'bv', 'nv', 'plc', 'co', 'corp',
  'corporation', 'company', 'kk', 'ab', 'as', 'oy', 'pty', 'pvt', 'sas', 'sarl', 'lp', 'llp', 'pte', 'ulc',
]);

/** A name as compared: folded, initials joined, function words dropped. */
export function nameKey(value: string): string {
  return joinInitials(foldName(value))
    .split(' ')
    .filter((word) => !FUNCTION_WORDS.has(word))
    .join(' ');
}

/** An organisation's name as compared: nameKey without the legal forms that end it. */
export function organisationKey(value: string): string {
  const words = nameKey(value).split(' ');
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}
