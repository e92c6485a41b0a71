import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

interface FieldChrome {
  /** Visible label; every field has one. */
  label: ReactNode;
  /** Help shown under the field, read as its description. */
  hint?: ReactNode;
  /** Validation message; marks the field invalid and is read with it. */
  error?: ReactNode;
}

/** Ids and ARIA wiring shared by text fields and selects. */
function useFieldIds(id: string | undefined, hint: ReactNode, error: ReactNode) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return {
    fieldId,
    hintId,
    errorId,
    aria: {
      'aria-invalid': error ? true : undefined,
      // aria-errormessage is poorly supported by screen readers, so the error is also a description.
      'aria-errormessage': errorId,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    },
  };
}

function FieldText({
  hintId,
  hint,
  errorId,
  error,
}: {
  hintId?: string;
  hint: ReactNode;
  errorId?: string;
  error: ReactNode;
}) {
  return (
    <>
      {hint && (
        <span id={hintId} className="sb-field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="sb-field__error">
          {error}
        </span>
      )}
    </>
  );
}

export type TextFieldProps = FieldChrome & InputHTMLAttributes<HTMLInputElement>;

export function TextField({ label, hint, error, id, className, ...input }: TextFieldProps) {
  const { fieldId, hintId, errorId, aria } = useFieldIds(id, hint, error);
  return (
    <div className={['sb-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId}>{label}</label>
      <input {...input} {...aria} id={fieldId} className="sb-input" />
      <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = FieldChrome &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: SelectOption[];
    /** A first, empty choice such as "Choose an account" (selected while the value is ""). */
    placeholder?: string;
  };

export function Select({ label, hint, error, id, className, options, placeholder, ...select }: SelectProps) {
  const { fieldId, hintId, errorId, aria } = useFieldIds(id, hint, error);
  return (
    <div className={['sb-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId}>{label}</label>
      <select {...select} {...aria} id={fieldId} className="sb-select">
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}
