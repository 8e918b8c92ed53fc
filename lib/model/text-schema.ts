import { findTextProblem, hasVisibleText, normaliseText } from './text';
import { z } from './zod';

export interface VisibleTextOptions {
  /** How the field is called in its messages: "Name", "Job title". */
  label: string;
  /** Most code points once normalised. */
  max: number;
  /** Accept text that is empty once normalised (an optional free-text field), as `''`. */
  allowEmpty?: boolean;
}

/**
 * The text rule of every name-like field a person types (list names, job titles, keywords,
 * lead-list names), as a zod string schema: control characters (tabs and line breaks included)
 * and half surrogate pairs are refused; bidi controls are removed; then NFC, trimmed; then it
 * must be non-empty, have a character that shows, and fit `max`. Each refusal names the field
 * by `label`, and stops at the first. Its JSON Schema stays `{type: string, maxLength}`, so the
 * spec's contract test still reads it.
 */
export function visibleTextSchema({ label, max, allowEmpty = false }: VisibleTextOptions) {
  const schema = z
    .string({ message: `${label} must be text` })
    .refine((text) => findTextProblem(text) !== 'loneSurrogate', {
      message: `${label} has a broken character in it; type it again`,
      abort: true,
    })
    .refine((text) => findTextProblem(text) !== 'control', {
      message: `${label} must not contain line breaks, tabs or other control characters`,
      abort: true,
    })
    .overwrite(normaliseText);
  const checked = allowEmpty ? schema : schema.min(1, { message: `${label} must not be empty`, abort: true });
  return checked
    .refine((text) => text === '' || hasVisibleText(text), {
      message: `${label} must have a letter, digit or symbol in it`,
      abort: true,
    })
    .max(max, { message: `${label} must be at most ${max} characters` });
}
