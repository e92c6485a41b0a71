// @simplebank/ui: the design system. Import '@simplebank/ui/styles.css' once per app for the tokens.
export { Button } from './components/Button.tsx';
export type { ButtonProps, ButtonVariant } from './components/Button.tsx';
export { Spinner, Loading } from './components/Spinner.tsx';
export { TextField, Select } from './components/Field.tsx';
export type { TextFieldProps, SelectProps, SelectOption } from './components/Field.tsx';
export { Table } from './components/Table.tsx';
export type { Column, TableProps } from './components/Table.tsx';
export { Badge, StatusBadge, statusTone, statusLabel } from './components/StatusBadge.tsx';
export type { Tone } from './components/StatusBadge.tsx';
export { Notice, ErrorNotice, describeError, errorReference } from './components/Notice.tsx';
export type { NoticeProps, ErrorNoticeProps } from './components/Notice.tsx';
export { PageHeading, Card, StatList } from './components/Layout.tsx';
export { Dialog, ConfirmDialog } from './components/Dialog.tsx';
export type { DialogProps, ConfirmDialogProps } from './components/Dialog.tsx';
export type { PageHeadingProps } from './components/Layout.tsx';

export {
  formatMoney,
  formatQuantity,
  formatPercent,
  currencyDigits,
  DEFAULT_LOCALE,
} from './format/number.ts';
export type { MoneyFormatOptions, QuantityFormatOptions, PercentFormatOptions } from './format/number.ts';
export { formatDateTime, formatDate, formatTime } from './format/date.ts';
export type { DateFormatOptions } from './format/date.ts';
export { isDecimalString, parseDecimal, roundDecimal } from './format/decimal.ts';
export type { DecimalParts } from './format/decimal.ts';
export { addDecimals, subtractDecimals, multiplyDecimals, compareDecimals } from './format/arithmetic.ts';
