// The colour theme: the system's (prefers-color-scheme) until the user picks one with the toggle;
// the pick is remembered in localStorage. packages/ui/src/styles.css reads `data-theme` on <html>.
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'simplebank.theme';

export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can be disabled (private mode, policies): follow the system then.
    return null;
  }
}

export function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/** Shows `theme` now, or follows the system again when null. */
export function applyTheme(theme: Theme | null): void {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function rememberTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not remembered, still applied for this page.
  }
  applyTheme(theme);
}
