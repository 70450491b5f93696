/** A multipart/form-data body with one file field, for app.inject (tests only). */
export function multipartFile(
  content: string | Buffer,
  filename = 'bars.csv',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----marketlens${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
