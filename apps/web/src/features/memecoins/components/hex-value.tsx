import { etherscanUrl, shortHex } from '../model/hex';

/**
 * A hash or address shortened (the full value in its title and data-value), linked to Etherscan unless the
 * data is synthetic or the value is not a real hash.
 */
export function HexValue({
  value,
  kind,
  synthetic,
  testId,
}: {
  value: string;
  kind: 'tx' | 'address';
  synthetic: boolean;
  testId?: string;
}) {
  const url = etherscanUrl(kind, value, synthetic);
  const text = shortHex(value);
  const common = { title: value, 'data-testid': testId, 'data-value': value, className: 'font-mono text-xs' };
  if (!url) return <span {...common}>{text}</span>;
  return (
    <a
      {...common}
      href={url}
      target="_blank"
      rel="noreferrer"
      className="font-mono text-xs text-sky-700 hover:underline"
    >
      {text}
    </a>
  );
}
