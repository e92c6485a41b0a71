const INT8 = 20;
const NUMERIC = 1700;

/**
 * The only parsers PGlite is given, the same values as the PostgreSQL driver's: BIGINT as a JS
 * number (minor units stay far below 2^53), NUMERIC as its exact decimal string. PGlite copies its
 * parser map on every query, and once started that map holds ~300 entries (a parser per array
 * type): a sixth of a trivial query's time. With only these left, other types fall back to
 * PGlite's default scalar parsers; a column of an array type would come back as its text form, and
 * no table or query result here has one (arrays are parameters only).
 */
export const PGLITE_PARSERS = { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => v };
