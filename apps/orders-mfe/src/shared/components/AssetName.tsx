import type { Asset } from '../api/assets.ts';

/** "ABC · ABC Robotics"; the id alone when the asset list is not loaded (or lacks it). */
export function AssetName({ asset, id }: { asset: Asset | undefined; id: string }) {
  if (!asset) return <span>{id}</span>;
  return (
    <span>
      <strong>{asset.symbol}</strong> <span className="sb-muted">{asset.name}</span>
    </span>
  );
}
