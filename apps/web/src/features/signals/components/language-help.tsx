const ROWS: readonly [string, string][] = [
  ['Series', 'open high low close volume hl2 hlc3'],
  [
    'Indicators',
    'sma(close, 20)  ema(close, 200)  rsi(close, 14)  macd(close, 12, 26, 9).hist  bb(close, 20, 2).lower  atr(14)',
  ],
  ['Previous bars', 'close[1] is the last bar’s close, rsi(close, 14)[1] the last bar’s RSI'],
  ['Arithmetic, comparison', '+ - * /   < <= > >= == !='],
  ['Logic', 'and  or  not'],
  ['Crossings', 'crosses_above(a, b)  crosses_below(a, b): a was at or below b, now above'],
];

/** The strategy language and its timing in one panel, beside the editor of a new strategy. */
export function LanguageHelp() {
  return (
    <div className="flex flex-col gap-3 text-sm">
      <dl className="flex flex-col gap-2">
        {ROWS.map(([term, text]) => (
          <div key={term}>
            <dt className="text-xs font-semibold text-slate-500">{term}</dt>
            <dd className="font-mono text-[13px] whitespace-pre-wrap text-slate-800">{text}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600">
        An unknown name or a wrong number of arguments is marked where it is, with the names the server knows. An
        indicator that is not warm yet makes its comparison false.
      </p>
      <p className="text-xs text-slate-600">
        Rules are read when a bar has closed: without a position only the entry rule, with one only the exit rule (and
        the stops). Orders fill at the next bar&rsquo;s open; one position per strategy and symbol. Fees are per side; a
        trade&rsquo;s return is exit × (1 − fee) / (entry × (1 + fee)) − 1.
      </p>
      <div>
        <p className="text-xs font-semibold text-slate-500">Example (issue 9)</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800">
          {'entry: rsi(close, 14) < 30 and close > ema(close, 200)\nexit:  rsi(close, 14) > 70'}
        </pre>
      </div>
    </div>
  );
}
