// Replaced at build time by defineFragmentConfig (FRAGMENT_RELEASE_NOTE, '' when unset).
declare const __FRAGMENT_RELEASE_NOTE__: string;
