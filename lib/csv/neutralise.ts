/**
 * The first characters that make Excel, LibreOffice Calc or Google Sheets read a cell as a
 * formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** What a cell that would start a formula is prefixed with: spreadsheets read it as "text". */
export const FORMULA_GUARD = "'";

/**
 * Makes a cell inert in a spreadsheet: a value starting with a formula trigger gets a leading
 * apostrophe (`+44 20 7946 0958` → `'+44 20 7946 0958`). A value that already starts with an
 * apostrophe gets one too, so that the rule for getting values back is one line: drop the
 * first character of every cell that starts with `'`. Every other value is returned as is.
 *
 * Done here rather than with papaparse's `escapeFormulae` because that option tests
 * `/^[=+\-@\t\r].*$/`, which misses a formula followed by a line break (`=1+1\nx`).
 */
export function neutraliseFormula(value: string): string {
  return needsGuard(value.charCodeAt(0)) ? FORMULA_GUARD + value : value;
}

// charCodeAt of an empty string is NaN, which matches no case.
function needsGuard(code: number): boolean {
  switch (code) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
    case 0x27: // ' (the guard itself, so that removing one guard is always right)
      return true;
    default:
      return false;
  }
}
