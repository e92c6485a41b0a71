import { Button, Notice, Select, TextField } from '@simplebank/ui';
import type { Schema } from '@simplebank/openapi';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@simplebank/platform';
import type { Asset } from '../../../shared/api/assets.ts';
import {
  errorsFromServer,
  hasErrors,
  toInput,
  validateStrategy,
  type StrategyFormErrors,
  type StrategyFormValues,
} from '../lib/strategy-form.ts';
import { AllocationEditor } from './AllocationEditor.tsx';

const RISK_OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

interface Props {
  initial: StrategyFormValues;
  assets: Asset[];
  submitLabel: string;
  onSubmit: (input: Schema<'StrategyInput'>) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Create or edit a draft. Rules are checked as the admin types, but messages show only once they
 * tried to save (no red form before anything was typed); the live total shows all along.
 */
export function StrategyForm({ initial, assets, submitLabel, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<StrategyFormErrors | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const local = validateStrategy(values);
  const shown: StrategyFormErrors = submitted ? local : { lines: {} };
  const errors: StrategyFormErrors = serverErrors
    ? { ...serverErrors, ...shown, lines: { ...serverErrors.lines, ...shown.lines } }
    : shown;

  const change = (next: Partial<StrategyFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    setServerErrors(null); // the server judged other values
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (hasErrors(local)) return;
    setSaving(true);
    try {
      await onSubmit(toInput(values));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setServerErrors(errorsFromServer(error.fields, values));
      }
      setFailure(error instanceof Error ? error.message : 'The strategy could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="sb-strategy-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Strategy"
    >
      {failure && (
        <Notice tone="danger" title="The strategy was not saved.">
          {failure}
        </Notice>
      )}
      <TextField
        label="Name"
        value={values.name}
        error={errors.name}
        onChange={(event) => change({ name: event.target.value })}
      />
      <TextField
        label="Description"
        value={values.description}
        error={errors.description}
        hint="What the strategy invests in and for whom; customers read this."
        onChange={(event) => change({ description: event.target.value })}
      />
      <Select
        label="Risk level"
        placeholder="Choose a risk level"
        options={RISK_OPTIONS}
        value={values.riskLevel}
        error={errors.riskLevel}
        onChange={(event) => change({ riskLevel: event.target.value as StrategyFormValues['riskLevel'] })}
      />
      <TextField
        label="Time horizon"
        hint='For example "5+ years".'
        value={values.timeHorizon}
        error={errors.timeHorizon}
        onChange={(event) => change({ timeHorizon: event.target.value })}
      />
      <AllocationEditor
        lines={values.allocations}
        assets={assets}
        errors={errors.lines}
        error={errors.allocations}
        onChange={(allocations) => change({ allocations })}
      />
      <div className="sb-form-actions">
        <Button type="submit" busy={saving}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
