// Counting a registry record's eligibility criteria. The registry keeps them as one text, in
// practice "Inclusion Criteria:" and "Exclusion Criteria:" headings each followed by a list
// ("* …" or "1. …"), sub-items indented under their item. A criterion is one top-level list item.

export interface CriteriaCounts {
  /** Null when the text has no inclusion section: not written down is not zero criteria. */
  inclusion: number | null;
  exclusion: number | null;
}

const LIST_ITEM = /^(\s*)(?:[*•\-–o]|\d+[.)]|[a-zA-Z][.)]|[ivx]+[.)])\s+\S/;

/** Which section a line opens, if it is a heading: it names one kind of criteria and is not a list item. */
function headingKind(line: string): 'inclusion' | 'exclusion' | null {
  if (LIST_ITEM.test(line) || line.length > 100 || !/criteri/i.test(line) || /\bapply\b/i.test(line)) return null;
  const inclusion = /\binclusion\b/i.test(line);
  const exclusion = /\bexclusion\b/i.test(line);
  if (inclusion === exclusion) return null;
  return inclusion ? 'inclusion' : 'exclusion';
}

/** Counts the top-level items of one section; a section written as plain lines counts its lines. */
function countItems(lines: readonly string[]): number {
  const items = lines.map((line) => LIST_ITEM.exec(line)).filter((match) => match !== null);
  if (items.length === 0) return lines.filter((line) => line.trim() !== '' && !line.trim().endsWith(':')).length;
  const topIndent = Math.min(...items.map((match) => match[1].length));
  return items.filter((match) => match[1].length === topIndent).length;
}

export function countCriteria(text: string): CriteriaCounts {
  const sections: Record<'inclusion' | 'exclusion', string[] | null> = { inclusion: null, exclusion: null };
  let current: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const kind = headingKind(line);
    if (kind) {
      current = sections[kind] ??= [];
      // "Exclusion Criteria: contra-indication": what follows the colon is the first criterion.
      const rest = line.slice(line.indexOf(':') + 1).trim();
      if (line.includes(':') && rest !== '' && !/^\d+[.)]?$/.test(rest)) current.push(rest);
      continue;
    }
    current?.push(line);
  }
  return {
    inclusion: sections.inclusion === null ? null : countItems(sections.inclusion),
    exclusion: sections.exclusion === null ? null : countItems(sections.exclusion),
  };
}
