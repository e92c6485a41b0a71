import { formatMoney, formatPercent, StatList, Table, type Column } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import type { InvestmentPreview, PreviewLine } from '../lib/preview.ts';

/** The split per asset and the fees, shown before the customer confirms. */
export function InvestmentPreviewTable({
  preview,
  currency,
  assetsById,
}: {
  preview: InvestmentPreview;
  currency: string;
  assetsById: Map<string, Asset>;
}) {
  const columns: Column<PreviewLine>[] = [
    {
      key: 'asset',
      header: 'Asset',
      cell: (line) => assetsById.get(line.assetId)?.symbol ?? line.assetId,
      rowHeader: true,
    },
    { key: 'share', header: 'Share', cell: (line) => formatPercent(line.percentage), align: 'end' },
    { key: 'amount', header: 'Amount', cell: (line) => formatMoney(line.amount, currency), align: 'end' },
    { key: 'fee', header: 'Estimated fee', cell: (line) => formatMoney(line.fee, currency), align: 'end' },
  ];
  return (
    <>
      <Table
        caption="Orders to be placed"
        columns={columns}
        rows={preview.lines}
        rowKey={(line) => line.assetId}
      />
      <StatList
        items={[
          { label: 'Invested', value: formatMoney(preview.amount, currency) },
          { label: 'Estimated fees', value: formatMoney(preview.fees, currency) },
          { label: 'Total from your account', value: formatMoney(preview.total, currency) },
        ]}
      />
    </>
  );
}
