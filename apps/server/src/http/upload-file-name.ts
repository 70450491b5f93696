/**
 * An uploaded file's name as the client sent it, made safe to store and to show: control characters (NUL
 * above all, which PostgreSQL text cannot hold) are dropped and the name is cut to 255 characters; an empty
 * result falls back to `fallback`. Only ever used as a label: nothing is written to disk under this name.
 */
export function uploadFileName(name: string | undefined, fallback: string): string {
  let safe = '';
  for (const ch of name ?? '') {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) safe += ch;
  }
  safe = safe.trim().slice(0, 255);
  return safe.length > 0 ? safe : fallback;
}
