import { useEffect, useRef, useState } from 'react';
import { checkFilter, type ParserField } from '../model/check-filter';

/** Typing pauses this long before the screen runs again. */
const SETTLE_MS = 500;

/**
 * The filter being typed, apart from the one applied: it is checked on every key with the shared parser, and
 * applied after a pause (or at once with `submit`) only when it reads, so a half-typed clause never clears the
 * table. A filter applied from elsewhere (a preset, a saved screen, the builder) replaces the draft.
 */
export function useFilterDraft(
  applied: string,
  fields: readonly ParserField[] | null,
  apply: (filter: string) => void,
) {
  const [draft, setDraft] = useState(applied);
  const lastApplied = useRef(applied);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    if (applied !== lastApplied.current) {
      lastApplied.current = applied;
      setDraft(applied);
    }
  }, [applied]);

  const problem = fields ? checkFilter(draft, fields) : null;
  const send = (text: string) => {
    // Enter may have sent it already while the pause was running.
    if (text === lastApplied.current) return;
    lastApplied.current = text;
    applyRef.current(text);
  };
  const readable = problem === null;

  useEffect(() => {
    if (!readable) return;
    const timer = setTimeout(() => send(draft), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, readable]);

  return {
    draft,
    setDraft,
    /** The local parser's problem with the draft (the server's is the page's to add). */
    problem,
    submit: () => {
      if (!problem) send(draft);
    },
  };
}
