/**
 * An answer a test gives when it chooses: a mock handler awaits `answered`, so a read stays in
 * flight while the test plays what happens meanwhile (a push), then `answer(value)` lets it finish.
 * (`Promise.withResolvers` does the same from Node 22; this repository runs on Node 20.)
 */
export interface HeldAnswer<T> {
  answered: Promise<T>;
  answer: (value: T) => void;
}

export function holdAnswer<T = void>(): HeldAnswer<T> {
  let answer: (value: T) => void = () => undefined;
  const answered = new Promise<T>((resolve) => (answer = resolve));
  return { answered, answer };
}
