import type { FieldFormatInfo } from './format-value';

/** What the table needs of a catalog field. */
export interface ColumnField extends FieldFormatInfo {
  label: string;
  description?: string;
}

export interface Column {
  name: string;
  label: string;
  title: string;
  width: number;
  type: 'number' | 'text';
  field: ColumnField;
}

const TEXT_WIDTHS: Readonly<Record<string, number>> = { name: 210, sector: 140, industry: 190, exchange: 90 };
const NUMBER_WIDTH = 90;
const TEXT_WIDTH = 110;

/** The result's columns (symbol excluded: it is always the first, pinned, column) with their widths and labels. */
export function screenColumns(fields: readonly string[], catalog: ReadonlyMap<string, ColumnField>): Column[] {
  return fields
    .filter((name) => name !== 'symbol')
    .map((name) => {
      const field = catalog.get(name) ?? { name, label: name, type: 'number' as const };
      const type = field.type ?? 'number';
      return {
        name,
        label: field.label,
        title: field.description ? `${field.label}: ${field.description}` : field.label,
        width: type === 'text' ? (TEXT_WIDTHS[name] ?? TEXT_WIDTH) : NUMBER_WIDTH,
        type,
        field,
      };
    });
}
