/**
 * `source` of every message plan-lint gives (its rules, the file check,
 * comment control): what reporters, SARIF and `<!-- lint disable -->` match.
 */
export const sourceName = 'plan-lint'
