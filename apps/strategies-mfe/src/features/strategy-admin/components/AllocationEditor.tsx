import { Button, Select, TextField } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import {
  newLine,
  totalHundredths,
  totalText,
  type AllocationLine,
  type LineErrors,
} from '../lib/strategy-form.ts';

interface Props {
  lines: AllocationLine[];
  assets: Asset[];
  errors: Record<string, LineErrors>;
  /** About the lines as a whole (none, total not 100). */
  error?: string;
  onChange: (lines: AllocationLine[]) => void;
}

/**
 * The allocation lines: an asset picker and a percentage per line, and a live total. Lines are
 * numbered in their labels ("Asset 2", "Percentage 2") so each field has its own accessible name.
 */
export function AllocationEditor({ lines, assets, errors, error, onChange }: Props) {
  const options = assets.map((asset) => ({ value: asset.id, label: `${asset.symbol} — ${asset.name}` }));
  const update = (key: string, change: Partial<AllocationLine>) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const complete = totalHundredths(lines) === 10_000n;

  return (
    <fieldset className="sb-allocation-editor" aria-describedby={error ? 'allocations-error' : undefined}>
      <legend>Allocations</legend>
      {lines.map((line, index) => (
        <div className="sb-allocation-editor__line" key={line.key}>
          <Select
            label={`Asset ${index + 1}`}
            placeholder="Choose an asset"
            options={options}
            value={line.assetId}
            error={errors[line.key]?.assetId}
            onChange={(event) => update(line.key, { assetId: event.target.value })}
          />
          <TextField
            label={`Percentage ${index + 1}`}
            inputMode="decimal"
            autoComplete="off"
            value={line.percentage}
            error={errors[line.key]?.percentage}
            onChange={(event) => update(line.key, { percentage: event.target.value })}
          />
          <Button
            variant="secondary"
            aria-label={`Remove asset ${index + 1}`}
            onClick={() => onChange(lines.filter((other) => other.key !== line.key))}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => onChange([...lines, newLine()])}>
        Add asset
      </Button>
      <output
        className={complete ? 'sb-allocation-total' : 'sb-allocation-total sb-allocation-total--open'}
        aria-label="Allocation total"
      >
        Total {totalText(lines)}% of 100%
      </output>
      {error && (
        <p id="allocations-error" className="sb-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
