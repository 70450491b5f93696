// Telegram's MarkdownV2 parser, re-implemented for the Bot API imitation (telegram-bot-api.ts) after tdlib's
// parse_markdown_v2 (td/telegram/MessageEntity.cpp), which the Bot API server runs: same entity rules, same
// error texts. Text it accepts, Telegram accepts; an escaping bug in our messages fails a test here instead of
// every delivery in production. Rules: https://core.telegram.org/bots/api#markdownv2-style
// Not imitated: expandable block quotes (`**>` ... `||`) and date/time entities.

export type EntityType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'code'
  | 'pre'
  | 'text_link'
  | 'custom_emoji'
  | 'blockquote';

/** As the Bot API returns them: offsets and lengths in UTF-16 units of the parsed text. */
export interface MessageEntity {
  type: EntityType;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

/** The text cannot be parsed; `message` is Telegram's wording (after "Bad Request: can't parse entities: "). */
export class EntityParseError extends Error {
  override readonly name = 'EntityParseError';
}

const RESERVED = '_*[]()~`>#+-=|{}.!';
/** tdlib's names for the entity types in "Can't find end of X entity" errors. */
const ERROR_NAMES: Record<EntityType, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
  custom_emoji: 'CustomEmoji',
  blockquote: 'BlockQuote',
};

interface OpenEntity {
  type: EntityType;
  /** Where it starts in the parsed text (UTF-16) and in the source (for error offsets). */
  offset: number;
  sourceIndex: number;
  language?: string;
}

export function parseMarkdownV2(source: string): { text: string; entities: MessageEntity[] } {
  const parser = new Parser(source);
  parser.run();
  return { text: parser.out, entities: parser.entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };
}

class Parser {
  out = '';
  readonly entities: MessageEntity[] = [];
  private readonly open: OpenEntity[] = [];
  private quoteStart: number | undefined;
  private i = 0;

  constructor(private readonly src: string) {}

  run(): void {
    const { src } = this;
    while (this.i < src.length) {
      const c = src[this.i]!;
      const next = src.charCodeAt(this.i + 1);
      // Any ASCII character 1..126 can be escaped anywhere, code and URLs included.
      if (c === '\\' && next >= 1 && next <= 126) {
        this.out += src[this.i + 1];
        this.i += 2;
        continue;
      }
      const top = this.open.at(-1);
      const inCode = top?.type === 'code' || top?.type === 'pre';
      if (c === '>' && !inCode && (this.i === 0 || src[this.i - 1] === '\n')) {
        this.quoteStart ??= this.out.length;
        this.i++;
        continue;
      }
      if (c === '\n' && this.quoteStart !== undefined && src[this.i + 1] !== '>') this.closeQuote();
      if (!(inCode ? '`' : RESERVED).includes(c)) {
        this.out += c;
        this.i++;
        continue;
      }
      if (top && this.closes(top.type)) this.closeEntity(top);
      else this.openEntity(c);
    }
    this.closeQuote();
    const unclosed = this.open.at(-1);
    if (unclosed) {
      const name = unclosed.language ? 'PreCode' : ERROR_NAMES[unclosed.type];
      throw new EntityParseError(
        `Can't find end of ${name} entity at byte offset ${this.byteOffset(unclosed.sourceIndex)}`,
      );
    }
  }

  private closes(type: EntityType): boolean {
    const { src, i } = this;
    const c = src[i];
    switch (type) {
      case 'bold':
        return c === '*';
      case 'italic':
        return c === '_' && src[i + 1] !== '_';
      case 'underline':
        return src.startsWith('__', i);
      case 'strikethrough':
        return c === '~';
      case 'spoiler':
        return src.startsWith('||', i);
      case 'code':
        return c === '`';
      case 'pre':
        return src.startsWith('```', i);
      default:
        return c === ']';
    }
  }

  private openEntity(c: string): void {
    const { src } = this;
    const start = this.i;
    const two = src.slice(start, start + 2);
    let type: EntityType;
    let language: string | undefined;
    if (two === '__') type = 'underline';
    else if (c === '_') type = 'italic';
    else if (c === '*') type = 'bold';
    else if (c === '~') type = 'strikethrough';
    else if (two === '||') type = 'spoiler';
    else if (c === '[') type = 'text_link';
    else if (two === '![') type = 'custom_emoji';
    else if (src.startsWith('```', start)) type = 'pre';
    else if (c === '`') type = 'code';
    else throw new EntityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);

    this.i += type === 'underline' || type === 'spoiler' || type === 'custom_emoji' ? 2 : type === 'pre' ? 3 : 1;
    if (type === 'pre') language = this.readPreLanguage();
    this.open.push({ type, offset: this.out.length, sourceIndex: start, ...(language ? { language } : {}) });
  }

  /** ```lang\n: a word right after the fence (not followed by the closing fence) names the language. */
  private readPreLanguage(): string | undefined {
    const { src } = this;
    let end = this.i;
    while (end < src.length && !/\s/.test(src[end]!) && src[end] !== '`') end++;
    let language: string | undefined;
    if (end > this.i && end < src.length && src[end] !== '`') {
      language = src.slice(this.i, end);
      this.i = end;
    }
    // One line break right after the fence (or the language) is not part of the text.
    const pair = src.slice(this.i, this.i + 2);
    if (pair === '\r\n' || pair === '\n\r') this.i += 2;
    else if (src[this.i] === '\n' || src[this.i] === '\r') this.i++;
    return language;
  }

  private closeEntity(entity: OpenEntity): void {
    this.open.pop();
    const { type } = entity;
    this.i += type === 'underline' || type === 'spoiler' ? 2 : type === 'pre' ? 3 : 1;
    const length = this.out.length - entity.offset;
    const found: MessageEntity = { type, offset: entity.offset, length };
    if (entity.language) found.language = entity.language;
    if (type === 'text_link' || type === 'custom_emoji') {
      const url = this.src[this.i] === '(' ? this.readUrl() : undefined;
      if (type === 'custom_emoji') {
        const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url ?? '')?.[1];
        if (url === undefined) throw new EntityParseError('Custom emoji entity must contain a tg://emoji URL');
        if (!id) throw new EntityParseError('Custom emoji URL must have an emoji identifier');
        found.custom_emoji_id = id;
      } else {
        // [text] alone links to its own text; a link Telegram cannot read leaves plain text, not an error.
        const link = url ?? this.out.slice(entity.offset);
        if (!isValidLink(link)) return;
        found.url = link;
      }
    }
    if (length > 0) this.entities.push(found);
  }

  /** (url) after a link's text: up to the first unescaped `)`. */
  private readUrl(): string {
    const { src } = this;
    const begin = ++this.i;
    let url = '';
    while (this.i < src.length && src[this.i] !== ')') {
      const next = src.charCodeAt(this.i + 1);
      if (src[this.i] === '\\' && next >= 1 && next <= 126) {
        url += src[this.i + 1];
        this.i += 2;
      } else url += src[this.i++];
    }
    if (src[this.i] !== ')')
      throw new EntityParseError(`Can't find end of a URL at byte offset ${this.byteOffset(begin)}`);
    this.i++;
    return url;
  }

  private closeQuote(): void {
    if (this.quoteStart === undefined) return;
    const length = this.out.length - this.quoteStart;
    if (length > 0) this.entities.push({ type: 'blockquote', offset: this.quoteStart, length });
    this.quoteStart = undefined;
  }

  private byteOffset(sourceIndex: number): number {
    return Buffer.byteLength(this.src.slice(0, sourceIndex), 'utf8');
  }
}

/** Roughly tdlib's LinkManager::check_link: web, tg: and ton: links, or a bare host name with a dot. */
function isValidLink(link: string): boolean {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `http://${link}`);
    if (['tg:', 'ton:'].includes(url.protocol)) return true;
    const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
    return isWeb && (url.hostname.includes('.') || url.hostname === 'localhost');
  } catch {
    return false;
  }
}
