import { Button } from '@simplebank/ui';
import { useState } from 'react';
import { rememberTheme, storedTheme, systemTheme, type Theme } from './theme.ts';

/** One button: "Dark theme" pressed or not. Starts from the remembered pick, else the system's. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => storedTheme() ?? systemTheme());
  const dark = theme === 'dark';
  return (
    <Button
      variant="secondary"
      aria-pressed={dark}
      onClick={() => {
        const next: Theme = dark ? 'light' : 'dark';
        rememberTheme(next);
        setTheme(next);
      }}
    >
      Dark theme
    </Button>
  );
}
