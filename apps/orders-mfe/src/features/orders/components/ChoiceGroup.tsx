import { useId } from 'react';

/** Radio buttons in a fieldset: a few exclusive choices that should all be visible (buy / sell). */
export function ChoiceGroup<Value extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
}: {
  legend: string;
  name: string;
  value: Value;
  choices: { value: Value; label: string }[];
  onChange: (value: Value) => void;
}) {
  const id = useId();
  return (
    <fieldset className="sb-field sb-choices">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} htmlFor={`${id}-${choice.value}`}>
          <input
            id={`${id}-${choice.value}`}
            type="radio"
            name={`${id}-${name}`}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />{' '}
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
