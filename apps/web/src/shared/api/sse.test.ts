import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse';

function parse(...chunks: string[]) {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

// Frames as the signals stream sends them (apps/server/src/modules/signals/signals.routes.ts).
const FRAME = 'id: c1\nevent: signal\ndata: {"id":"a"}\n\n';

describe('createSseParser', () => {
  it('dispatches a named event with its data and id on the blank line', () => {
    expect(parse(FRAME).events).toEqual([{ event: 'signal', data: '{"id":"a"}', id: 'c1' }]);
  });

  it('ignores the comments the server sends on connect and as keep-alives', () => {
    expect(parse(': connected\n\n', ': keep-alive\n\n', FRAME).events).toHaveLength(1);
  });

  it('puts a frame split across chunks back together, wherever the cut falls', () => {
    for (let cut = 1; cut < FRAME.length; cut++) {
      const { events } = parse(FRAME.slice(0, cut), FRAME.slice(cut));
      expect(events, `cut at ${cut}`).toEqual([{ event: 'signal', data: '{"id":"a"}', id: 'c1' }]);
    }
  });

  it('accepts \\r\\n and \\r line ends, also when a \\r\\n is split between chunks', () => {
    expect(parse('event: signal\r\ndata: x\r\n\r\n').events).toEqual([{ event: 'signal', data: 'x', id: null }]);
    expect(parse('data: y\r\r').events).toEqual([{ event: 'message', data: 'y', id: null }]);
    // Not a blank line between "data: z" and "\n": the frame ends only at the second line break.
    const split = parse('data: z\r', '\nevent: e\n\n');
    expect(split.events).toEqual([{ event: 'e', data: 'z', id: null }]);
  });

  it('joins several data lines with a newline and strips only one leading space', () => {
    expect(parse('data:  a\ndata:b\n\n').events[0]?.data).toBe(' a\nb');
  });

  it('dispatches nothing for a frame without data, and resets the event name after each frame', () => {
    const { events } = parse('event: signal\n\n', 'data: plain\n\n');
    expect(events).toEqual([{ event: 'message', data: 'plain', id: null }]);
  });

  it('keeps the last id for later events and reads the retry advice', () => {
    const { events, parser } = parse('id: 7\nretry: 2500\ndata: a\n\n', 'data: b\n\n', 'retry: soon\n\n');
    expect(events.map((e) => e.id)).toEqual(['7', '7']);
    expect(parser.retryMs(), 'a non-numeric retry is ignored').toBe(2500);
  });

  it('drops an unfinished frame when the stream ends', () => {
    const { events, parser } = parse('data: half');
    parser.end();
    parser.push('\n\n');
    expect(events).toEqual([]);
  });
});
