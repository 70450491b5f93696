import { describe, expect, it } from 'vitest';
import { mayRead } from './linked-chat';

describe('what a chat may read', () => {
  it("follows the user's role: each role reads its own level and those below", () => {
    expect(mayRead('viewer', 'viewer')).toBe(true);
    expect(mayRead('viewer', 'analyst')).toBe(false);
    expect(mayRead('analyst', 'viewer')).toBe(true);
    expect(mayRead('analyst', 'admin')).toBe(false);
    expect(mayRead('admin', 'analyst')).toBe(true);
  });
});
