/**
 * A money amount from an environment variable ("50", "50.00") as integer minor units, or
 * undefined when the variable is not set. A malformed value stops the service at start with the
 * variable's name, rather than running with a rule nobody asked for.
 */
export function minorUnitsFromEnv(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new Error(`${name} must be an amount such as 50 or 50.00, not "${value}"`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
