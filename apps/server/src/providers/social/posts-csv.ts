import { hasOpenQuote, splitFields } from '../csv/csv-fields';
import { toPost } from './post-fields';
import type { ParsedPosts } from './posts-file';

const ID = ['id'];
const TEXT = ['text'];
const TIME = ['posted_at', 'created_at'];
const AUTHOR = ['author', 'username', 'author_id'];
const URL_COLUMNS = ['url'];

/** Records of a CSV text with the physical line each starts on; a quoted field may span lines. */
function* records(text: string): Generator<{ text: string; line: number }> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let record = (lines[i] ?? '').replace(/\r$/, '');
    while (hasOpenQuote(record) && i + 1 < lines.length) record += '\n' + (lines[++i] ?? '').replace(/\r$/, '');
    if (record.trim() !== '') yield { text: record, line };
  }
}

/** Posts of a CSV file with a header naming its columns (any case, any order). */
export function parsePostsCsv(text: string, source: string): ParsedPosts {
  const result: ParsedPosts = { posts: [], rejected: [] };
  const all = records(text);
  const first = all.next();
  if (first.done) return result;
  const header = splitFields(first.value.text, ',').map((name) => name.trim().toLowerCase());
  const column = (names: string[]) => header.findIndex((name) => names.includes(name));
  const at = {
    id: column(ID),
    text: column(TEXT),
    time: column(TIME),
    author: column(AUTHOR),
    url: column(URL_COLUMNS),
  };
  const missing = [
    at.id === -1 ? 'id' : null,
    at.text === -1 ? 'text' : null,
    at.time === -1 ? 'posted_at or created_at' : null,
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    const message = `header has no ${missing.join(', no ')} column (found: ${header.join(', ')})`;
    result.rejected.push({ line: first.value.line, message });
    return result;
  }
  for (const record of all) {
    if (hasOpenQuote(record.text)) {
      result.rejected.push({ line: record.line, message: 'a quoted field is never closed' });
      continue;
    }
    const fields = splitFields(record.text, ',');
    if (fields.length !== header.length) {
      const message = `expected ${header.length} columns, found ${fields.length}`;
      result.rejected.push({ line: record.line, message });
      continue;
    }
    const get = (index: number) => (index === -1 ? undefined : fields[index]);
    const parsed = toPost(
      {
        id: get(at.id),
        text: get(at.text),
        postedAt: get(at.time)?.trim(),
        postedAtField: header[at.time] ?? 'posted_at',
        author: get(at.author),
        url: get(at.url),
      },
      source,
    );
    if (parsed.ok) result.posts.push(parsed.post);
    else result.rejected.push({ line: record.line, message: parsed.message });
  }
  return result;
}
