/**
 * Domain bounds shared by the services and stated in their contracts (openapi/services/*.yaml,
 * openapi/bff.yaml). Quantities fit NUMERIC(30, 8) and prices NUMERIC(20, 8) columns; money in
 * minor units stays far below Number.MAX_SAFE_INTEGER and fits BIGINT.
 */
/** The largest value of one order, and of one payment or investment: 1,000,000,000.00. */
export const MAX_ORDER_VALUE_MINOR = 100_000_000_000;
export const MAX_AMOUNT_MINOR = MAX_ORDER_VALUE_MINOR;
