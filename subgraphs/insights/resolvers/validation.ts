// Checks on what patients' sites and advocates write. Each check returns the value to store or
// names the field as the caller wrote it from the argument root (input.responses[3].burden.travel)
// with the reason: survey responses collect these per response, reviews throw the first one.
import { badUserInput } from '../../shared/errors';

/** A field at fault and why. */
export interface FieldError {
  field: string;
  message: string;
}

// Control characters have no place in stored text, and PostgreSQL refuses NUL in text outright.
// Line breaks and tabs are checked apart: a recommendation may run over several lines.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n]/;

/** Non-blank text, trimmed, at most `max` characters; one line unless `multiline`. */
export function text(value: string, field: string, max: number, options: { multiline?: boolean } = {}): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(`${field} must not be blank`, field);
  if (trimmed.length > max) throw badUserInput(`${field} must be at most ${max} characters, not ${trimmed.length}`, field);
  if (CONTROL_CHARACTER.test(trimmed) || (!options.multiline && LINE_BREAK.test(trimmed))) {
    throw badUserInput(`${field} must be ${options.multiline ? 'text' : 'one line of text'} without control characters`, field);
  }
  return trimmed;
}

/** An id of a record another party owns: non-blank, one line, no longer than any id we issue. */
export function referenceId(value: string, field: string): string {
  return text(value, field, 100);
}

/** A whole number in [min, max], or the error saying so; `scale` says what the numbers mean. */
export function wholeNumberError(value: number, field: string, min: number, max: number, scale = ''): FieldError | null {
  if (Number.isInteger(value) && value >= min && value <= max) return null;
  return { field, message: `${field} must be a whole number from ${min} to ${max}${scale}, got ${value}` };
}
