import { badUserInput } from '../../shared/errors';

/** An optional id argument: absent or null is no narrowing; an empty id is a mistake, not "all". */
export function optionalId(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (value.trim() === '') throw badUserInput(`${field} must be an id, or left out; got an empty string`, field);
  return value;
}
