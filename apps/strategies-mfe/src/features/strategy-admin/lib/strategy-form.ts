import type { Schema } from '@simplebank/openapi';
import type { FieldProblem } from '@simplebank/platform';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { hundredthsToPercent, toScaled } from '../../../shared/lib/money.ts';

export type RiskLevel = Schema<'RiskLevel'>;

/** One allocation line as typed: `key` keeps React's identity stable while lines move. */
export interface AllocationLine {
  key: string;
  assetId: string;
  percentage: string;
}

export interface StrategyFormValues {
  name: string;
  description: string;
  riskLevel: RiskLevel | '';
  timeHorizon: string;
  allocations: AllocationLine[];
}

export interface LineErrors {
  assetId?: string;
  percentage?: string;
}

export interface StrategyFormErrors {
  name?: string;
  description?: string;
  riskLevel?: string;
  timeHorizon?: string;
  /** About the allocations as a whole: none, or a total other than 100. */
  allocations?: string;
  lines: Record<string, LineErrors>;
}

let nextKey = 0;
export function newLine(assetId = '', percentage = ''): AllocationLine {
  nextKey += 1;
  return { key: `line-${nextKey}`, assetId, percentage };
}

export function emptyForm(): StrategyFormValues {
  return { name: '', description: '', riskLevel: '', timeHorizon: '', allocations: [newLine()] };
}

export function formFromStrategy(strategy: Strategy): StrategyFormValues {
  return {
    name: strategy.name,
    description: strategy.description,
    riskLevel: strategy.riskLevel,
    timeHorizon: strategy.timeHorizon,
    allocations: strategy.allocations.map((a) => newLine(a.assetId, a.percentage)),
  };
}

/** The total of the well-formed percentages, in hundredths, for the live total. */
export function totalHundredths(lines: AllocationLine[]): bigint {
  return lines.reduce((sum, line) => sum + (toScaled(line.percentage, 2) ?? 0n), 0n);
}

export function totalText(lines: AllocationLine[]): string {
  return hundredthsToPercent(totalHundredths(lines));
}

const PERCENTAGE = /^\d{1,3}(\.\d+)?$/;

/** The rules of docs/DOMAIN.md, checked as the admin types, with one message per field. */
export function validateStrategy(values: StrategyFormValues): StrategyFormErrors {
  const errors: StrategyFormErrors = { lines: {} };
  if (!values.name.trim()) errors.name = 'Enter a name.';
  else if (values.name.trim().length > 100) errors.name = 'Use at most 100 characters.';
  if (values.description.length > 2000) errors.description = 'Use at most 2,000 characters.';
  if (!values.riskLevel) errors.riskLevel = 'Choose a risk level.';
  if (!values.timeHorizon.trim()) errors.timeHorizon = 'Enter a time horizon, such as "5+ years".';
  else if (values.timeHorizon.trim().length > 60) errors.timeHorizon = 'Use at most 60 characters.';

  if (values.allocations.length === 0) errors.allocations = 'Add at least one asset.';
  const seen = new Set<string>();
  let allWellFormed = true;
  for (const line of values.allocations) {
    const lineErrors: LineErrors = {};
    if (!line.assetId) lineErrors.assetId = 'Choose an asset.';
    else if (seen.has(line.assetId)) lineErrors.assetId = 'This asset is already in the strategy.';
    seen.add(line.assetId);
    const text = line.percentage.trim();
    if (!PERCENTAGE.test(text)) {
      lineErrors.percentage = 'Enter a percentage, such as 12.5.';
      allWellFormed = false;
    } else if (toScaled(text, 2) === null) {
      lineErrors.percentage = 'Use at most 2 decimals.';
      allWellFormed = false;
    } else if (toScaled(text, 2) === 0n) {
      lineErrors.percentage = 'Must be more than 0%.';
    }
    if (lineErrors.assetId || lineErrors.percentage) errors.lines[line.key] = lineErrors;
  }
  const total = totalHundredths(values.allocations);
  if (values.allocations.length > 0 && allWellFormed && total !== 10_000n) {
    errors.allocations = `The percentages add up to ${hundredthsToPercent(total)}%; they must add up to exactly 100%.`;
  }
  return errors;
}

export function hasErrors(errors: StrategyFormErrors): boolean {
  return Boolean(
    errors.name ||
    errors.description ||
    errors.riskLevel ||
    errors.timeHorizon ||
    errors.allocations ||
    Object.keys(errors.lines).length > 0,
  );
}

export function toInput(values: StrategyFormValues): Schema<'StrategyInput'> {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    riskLevel: values.riskLevel as RiskLevel,
    timeHorizon: values.timeHorizon.trim(),
    allocations: values.allocations.map((line) => ({
      assetId: line.assetId,
      percentage: line.percentage.trim(),
    })),
  };
}

/**
 * The BFF's 422 `fields` (`body.name`, `body.allocations.1.assetId`) as form errors, so a rule the
 * server checks shows next to its field like the ones checked here.
 */
export function errorsFromServer(fields: FieldProblem[], values: StrategyFormValues): StrategyFormErrors {
  const errors: StrategyFormErrors = { lines: {} };
  for (const { field, reason } of fields) {
    const line = /^body\.allocations\.(\d+)\.(assetId|percentage)$/.exec(field);
    if (line) {
      const key = values.allocations[Number(line[1])]?.key;
      if (key) errors.lines[key] = { ...errors.lines[key], [line[2] as 'assetId' | 'percentage']: reason };
      continue;
    }
    const name = field.replace(/^body\./, '');
    if (name === 'name' || name === 'description' || name === 'riskLevel' || name === 'timeHorizon')
      errors[name] = reason;
    else errors.allocations = reason;
  }
  return errors;
}
