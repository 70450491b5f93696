// Market words: finance-news vocabulary, the direction words whose sign depends on what moves, and crypto
// slang. Valence on VADER's scale (-4 .. +4). Our own lists.

const entries = (valence: number, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, valence]);

/** Finance-news words that carry a sign on their own. */
export const FINANCE_LEXICON: ReadonlyMap<string, number> = new Map([
  ...entries(2.5, `outperform outperformed outperforms outperforming bullish beat beats record-high`),
  ...entries(
    2,
    `profitable profitability upgrade upgraded upgrades exceeded exceeds exceed surpassed topped recovery
     rebound rebounded rebounds rally rallied rallies soared soaring soar surge surged surging skyrocketed
     boosted breakout buyback buybacks upgrading`,
  ),
  ...entries(
    1.5,
    `gains earnings-beat expansion expand expanded expanding expands accelerate accelerated
     accelerating momentum demand strengthened strengthen strengthening win contract-win awarded
     partnership synergy synergies savings efficiencies`,
  ),
  ...entries(
    -2.5,
    `bearish underperform underperformed underperforms underperforming downgrade downgraded downgrades default
     defaulted defaults writedown writedowns write-down write-downs impairment impairments plunge plunged
     plunging plunges slump slumped slumps tumbled tumble tumbles sank crashed selloff sell-off bailout
     delisted delisting liquidation liquidated insolvency recession`,
  ),
  ...entries(
    -2,
    `deficit deficits slowdown contraction deteriorated deteriorating deteriorate shortfall
     layoffs laid-off redundancies dismissals lay-offs job-cuts unprofitable negative
     headwinds litigation investigation probe recall`,
  ),
  ...entries(-1.5, `loss losses`),
  ...entries(-1, `debt debts costs cost expenses liabilities unemployment inflation volatility restructuring`),
]);

/**
 * Words that say which way a figure moved. Their valence is +-DIRECTION_VALENCE, and it flips when the
 * figure is a bad one (see BAD_QUANTITIES): "sales rose" is good news, "costs rose" is not.
 */
export const DIRECTION_WORDS: ReadonlyMap<string, 1 | -1> = new Map([
  ...(`rise rises rose risen rising increase increased increases increasing grow grows grew grown growing growth
       gain gained gaining up higher highest improve jump jumped jumps climb climbed climbing climbs doubled
       tripled quadrupled widened widen larger bigger exceeding upward upturn pickup boost boosts`
    .trim()
    .split(/\s+/)
    .map((w): [string, 1] => [w, 1]) as Array<[string, 1]>),
  ...(`fall falls fell fallen falling decrease decreased decreases decreasing decline declined declines
       declining drop dropped drops dropping down lower lowest lowered reduce reduced reduces reducing
       reduction cut cuts cutting shrink shrank shrunk shrinking narrowed narrow narrowing slid slide slipped
       slip dipped sink sinking smaller contracted eased easing halved weakened weakening downward downturn`
    .trim()
    .split(/\s+/)
    .map((w): [string, -1] => [w, -1]) as Array<[string, -1]>),
]);

export const DIRECTION_VALENCE = 1.6;

/** Figures where more is worse: a direction word next to one of these flips sign ("loss narrowed"). */
export const BAD_QUANTITIES: ReadonlySet<string> = new Set(
  `loss losses cost costs expense expenses debt debts deficit deficits liabilities unemployment inflation
   layoffs redundancies headcount-reductions impairment impairments writedowns write-downs provisions arrears
   delinquencies defaults churn risk risks volatility taxes burden`
    .trim()
    .split(/\s+/),
);

/**
 * Figures where more is better. They do not flip a direction word, but like bad figures their own valence is
 * not counted next to one: "operating profit fell" is bad news, not "profit" plus "fell".
 */
export const GOOD_QUANTITIES: ReadonlySet<string> = new Set(
  `profit profits earnings sales revenue revenues turnover margin margins demand orders income ebit ebitda eps
   dividend dividends output production volumes price prices shares stock valuation market-share`
    .trim()
    .split(/\s+/),
);

/** Crypto and trading slang. */
export const CRYPTO_LEXICON: ReadonlyMap<string, number> = new Map([
  ...entries(3, `moon mooning mooned lfg wagmi wgmi bullrun moonshot lambo lambos 1000x`),
  ...entries(2.5, `100x gem gems bullish ath ath's pumping parabolic breakout mooner safu gmi`),
  ...entries(2, `hodl hodling hodler hodlers hodled 10x airdrop btfd bull bulls undervalued accumulate accumulating`),
  ...entries(1, `pump pumped pumps fomo gm degen whitelist listing staking`),
  ...entries(-1.5, `fud dip bear bears copium cope shill shilling shilled jeet jeets overbought`),
  ...entries(-2.5, `ngmi dump dumped dumping dumps bagholder bagholders bagholding rekt liquidated dead ded wrecked`),
  ...entries(
    -3.5,
    `rug rugs rugged rugpull rugpulled rug-pull rug-pulled honeypot ponzi scam scamcoin shitcoin exploit exploited
     hacked drained`,
  ),
]);

/**
 * Multi-word entries, matched on normalised tokens before single words (longest first), so "to the moon"
 * scores once as a phrase and "rug pulled" is not "rug" plus a neutral "pulled".
 */
export const PHRASE_LEXICON: ReadonlyMap<string, number> = new Map([
  ['to the moon', 3.2],
  // Neutral phrases: matched so their words are not read alone ("up to EUR 5 mn" is no rise).
  ['up to', 0],
  ['set up', 0],
  ['sets up', 0],
  ['setting up', 0],
  ['step down', 0],
  ['steps down', 0],
  ['stepped down', 0],
  ['based in', 0],
  ['going to zero', -3],
  ['to zero', -2.5],
  ['rug pull', -3.5],
  ['rug pulled', -3.5],
  ['rug pulls', -3.5],
  ['pulled the rug', -3.5],
  ['pump and dump', -3.2],
  ['exit liquidity', -2.5],
  ['exit scam', -3.5],
  ['diamond hands', 2.5],
  ['paper hands', -1.5],
  ['buy the dip', 1.5],
  ['bull run', 2.5],
  ['bull market', 2],
  ['bear market', -2],
  ['all time high', 2.5],
  ['all-time high', 2.5],
  ['new high', 2],
  ['new highs', 2],
  ['record high', 2.5],
  ['hidden gem', 2.5],
  ['laid off', -2],
  ['lay off', -2],
  ['job cuts', -2],
  ['profit warning', -2.5],
  ['beat expectations', 2],
  ['beat estimates', 2],
  ['above expectations', 2],
  ['below expectations', -2],
  ['missed expectations', -2],
  ['missed estimates', -2],
  // Coming from a loss is good news: "operating profit was EUR 0.6 mn , up from a loss of EUR 19 mn".
  ['from a loss', 1.5],
  ['from the loss', 1.5],
  ['from an operating loss', 1.5],
  ['from a net loss', 1.5],
  ['compared to a loss', 1.5],
  ['compared with a loss', 1.5],
  ['versus a loss', 1.5],
  ['versus loss', 1.5],
  ['swung to a loss', -2.5],
  ['swung to a profit', 2.5],
  ['turned to a profit', 2.5],
  ['back in the black', 2],
  ['in the red', -1.5],
  ['💎 🙌', 2.5],
  ['🧻 🙌', -1.5],
]);
