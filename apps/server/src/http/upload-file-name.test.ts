import { describe, expect, it } from 'vitest';
import { uploadFileName } from './upload-file-name';

describe('uploadFileName', () => {
  it('drops control characters, NUL included, and keeps the rest as sent', () => {
    expect(uploadFileName('bars\u0000.csv', 'x.csv')).toBe('bars.csv');
    expect(uploadFileName('a\r\nb\t\u007f.csv', 'x.csv')).toBe('ab.csv');
    expect(uploadFileName('../../etc/passwd', 'x.csv')).toBe('../../etc/passwd');
    expect(uploadFileName('курс 📈.csv', 'x.csv')).toBe('курс 📈.csv');
  });

  it('falls back when nothing is left and cuts long names to 255 characters', () => {
    expect(uploadFileName('', 'upload.csv')).toBe('upload.csv');
    expect(uploadFileName(undefined, 'upload.csv')).toBe('upload.csv');
    expect(uploadFileName('\u0000\u0001', 'upload.csv')).toBe('upload.csv');
    expect(uploadFileName('a'.repeat(300), 'x')).toHaveLength(255);
  });
});
