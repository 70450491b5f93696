import { describe, expect, it } from 'vitest';
import { createRateLimiter, TELEGRAM_RATE_LIMITS } from './rate-limiter';

// A fake clock: tests move time by hand and never sleep.
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

describe('rate limiter (Telegram limits)', () => {
  it('lets 30 messages to different chats through at once and holds the 31st', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    for (let chat = 1; chat <= 30; chat++) expect(limiter.reserve(`chat-${chat}`), `message ${chat} of 30`).toBe(0);

    const wait = limiter.reserve('chat-31');
    // One token of a 30/s bucket: 1000/30 = 33.3 ms, rounded up so that asking again then succeeds.
    expect(wait).toBe(34);
    clock.advance(wait - 1);
    expect(limiter.reserve('chat-31'), 'still short of a whole token').toBeGreaterThan(0);
    clock.advance(1);
    expect(limiter.reserve('chat-31'), 'a token has refilled').toBe(0);
  });

  it('holds a second message to the same chat for a second', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    expect(limiter.reserve('chat-a')).toBe(0);
    clock.advance(1);
    expect(limiter.reserve('chat-a')).toBe(999);
    clock.advance(998);
    expect(limiter.reserve('chat-a')).toBe(1);
    clock.advance(1);
    expect(limiter.reserve('chat-a')).toBe(0);
  });

  it('does not hold other chats back while one chat waits', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    expect(limiter.reserve('chat-a')).toBe(0);
    expect(limiter.reserve('chat-a')).toBeGreaterThan(0);
    expect(limiter.reserve('chat-b')).toBe(0);
    expect(limiter.reserve('chat-c')).toBe(0);
  });

  it('books nothing when it says wait', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    expect(limiter.reserve('busy')).toBe(0);
    // Refused asks must not eat the global bucket, or one busy chat would starve the rest.
    for (let i = 0; i < 100; i++) expect(limiter.reserve('busy')).toBe(1000);
    for (let chat = 1; chat <= 29; chat++)
      expect(limiter.reserve(`chat-${chat}`), `chat ${chat}: 29 global slots left`).toBe(0);
    expect(limiter.reserve('chat-30'), 'the global bucket is now empty').toBeGreaterThan(0);
    // ...nor push the busy chat's own slot further out.
    clock.advance(1000);
    expect(limiter.reserve('busy')).toBe(0);
  });

  it('sustains one message per second to a chat, not more', () => {
    const clock = fakeClock(0);
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    let sent = 0;
    while (clock.now() <= 10_000) {
      const wait = limiter.reserve('chat-a');
      if (wait === 0) sent++;
      else clock.advance(wait);
    }
    expect(sent, 'at 0 s and then once a second up to 10 s').toBe(11);
  });

  it('waits for the later of the two buckets', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(
      { global: { burst: 1, perSecond: 0.5 }, perKey: { burst: 1, perSecond: 1 } },
      clock.now,
    );
    expect(limiter.reserve('a')).toBe(0);
    expect(limiter.reserve('b'), 'the global bucket refills in 2 s').toBe(2000);
    expect(limiter.reserve('a'), 'the global bucket outlasts the chat bucket (1 s)').toBe(2000);
  });

  it('does not drain or grant when the clock steps back', () => {
    const clock = fakeClock(10_000);
    const limiter = createRateLimiter(TELEGRAM_RATE_LIMITS, clock.now);
    expect(limiter.reserve('chat-a')).toBe(0);
    clock.set(5_000);
    expect(limiter.reserve('chat-a'), 'time going backwards refills nothing').toBe(1000);
    clock.set(11_000);
    expect(limiter.reserve('chat-a')).toBe(0);
  });
});
