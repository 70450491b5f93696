/** One dispatched Server-Sent Event. `event` is 'message' when the frame names none. */
export interface SseEvent {
  event: string;
  data: string;
  /** The last `id:` seen on the stream (it carries over to later events, as in EventSource). */
  id: string | null;
}

export interface SseParser {
  /** Feeds decoded text as it arrives; a frame may be split anywhere, even between \r and \n. */
  push(chunk: string): void;
  /** The stream ended: an unterminated last frame is dropped, as the spec says. */
  end(): void;
  /** The server's `retry:` advice in ms, if it gave one. */
  retryMs(): number | null;
}

/**
 * An incremental parser of the text/event-stream format (WHATWG HTML, "Server-sent events", interpreting an
 * event stream): lines end in \r\n, \n or \r; a blank line dispatches; `:` starts a comment; `data` lines join
 * with \n; a frame with no data dispatches nothing. EventSource does this for us but cannot send an
 * Authorization header, so the app reads the stream with fetch and parses it here.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  // A chunk ending in \r may be half of a \r\n: the \n that opens the next chunk is not a second line.
  let skipLeadingLf = false;
  let event = '';
  let data: string[] = [];
  let lastId: string | null = null;
  let retry: number | null = null;

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id: lastId });
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };

  return {
    push(chunk) {
      let text = chunk;
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      event = '';
      data = [];
    },
    retryMs: () => retry,
  };
}
