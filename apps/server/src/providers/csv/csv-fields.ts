/**
 * Splits one CSV record into fields. The common case (no quotes) is a plain split; quoted fields follow
 * RFC 4180: a quote inside a quoted field is doubled, and delimiters and line breaks inside quotes are data.
 */
export function splitFields(record: string, delimiter: string): string[] {
  if (!record.includes('"')) return record.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (inQuotes) {
      if (ch === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** True when the record has an unclosed quote, i.e. a quoted field continues on the next physical line. */
export function hasOpenQuote(record: string): boolean {
  return quoteCount(record) % 2 === 1;
}

/** How many double quotes a piece of a record holds (escaped "" counts two, so parity is what matters). */
export function quoteCount(text: string): number {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  return quotes;
}
