// General English sentiment words, valence on VADER's scale: -4 (extremely negative) .. +4 (extremely
// positive). Our own list (not VADER's lexicon): common opinion words, with their inflections where people
// write them. Words that are neutral in finance news ("gross", "share", "interest") are left out on purpose.

const entries = (valence: number, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, valence]);

export const GENERAL_LEXICON: ReadonlyMap<string, number> = new Map([
  ...entries(
    3.2,
    `amazing awesome excellent outstanding fantastic superb brilliant incredible phenomenal spectacular
     magnificent wonderful perfect marvelous marvellous exceptional stellar`,
  ),
  ...entries(3, `love loved loving adore epic legendary thrilled ecstatic overjoyed blessed`),
  ...entries(
    2.5,
    `great best impressive excited exciting delighted glad happy joy winner winning win wins won victory triumph
     celebrate celebrating congrats congratulations thank thanks grateful beautiful lovely superior admirable`,
  ),
  ...entries(
    2,
    `good nice cool enjoy enjoyed fun pleased proud success successful succeed succeeded
     benefit benefits beneficial promising optimistic optimism confident confidence strong stronger strongest
     solid robust healthy favorable favourable positive opportunity opportunities reward rewarding rewarded
     win-win breakthrough innovative smart wise helpful useful valuable safe secured trust trusted
     reliable hope hopeful encouraging impressed attractive boom booming thriving thrive`,
  ),
  ...entries(
    1.5,
    `better improve improved improves improving improvement improvements progress advancing
     upbeat supportive welcome welcomed easy ease eased relief stable stability
     resilient efficient efficiency effective approve approved approval clean fresh favorite
     favourite ready lucky recommend recommended upside satisfied satisfactory respected award awarded awards`,
  ),
  ...entries(1, `ok okay fine interesting wow yes sure decent adequate`),
  ...entries(
    -3.2,
    `terrible horrible awful disaster disastrous catastrophe catastrophic devastating nightmare horrendous
     atrocious abysmal worst hate hated hateful disgusting pathetic`,
  ),
  ...entries(
    -3,
    `fraud fraudulent scam scams scammed scammer scammers theft stolen steal stealing crook crooks corrupt
     corruption collapse collapsed collapses crash crashed crashing crashes panic ruined ruin bankrupt
     bankruptcy insolvent insolvency`,
  ),
  ...entries(
    -2.5,
    `bad poor worse fail failed fails failing failure failures loser losers lose lost losing angry furious
     sad upset scared fear fears fearful afraid worried worry worrying worries dangerous danger threat
     threats threatened toxic broken scandal lawsuit lawsuits sued suing penalty penalties fined
     violation violations illegal crisis troubled trouble struggle struggled struggling struggles distress
     distressed warning warned warns alarm alarming shock shocked shocking dead die dying death kill killed
     killing destroy destroyed`,
  ),
  ...entries(
    -2,
    `weak weaker weakest negative problem problems concern concerns concerned difficult
     difficulty difficulties hard hurt hurts hurting harm harmful damage damaged damaging risky
     uncertain uncertainty volatile pessimistic doubt doubts doubtful disappointing disappointed disappointment
     unfortunately unfortunate sorry regret mistake mistakes error errors wrong boring annoying annoyed
     frustrated frustrating useless worthless unable dispute disputes delay delayed delays blame blamed
     pressure pressures pressured headwind headwinds layoff layoffs redundancies redundancy dismissed
     shutdown closure closures suspend suspended suspension downside challenging adverse unprofitable
     overvalued unsustainable`,
  ),
  ...entries(
    -1.5,
    `slow slowed slower sluggish missing cautious caution hesitant tough lack lacks
     lacking limited weakness weaknesses vulnerable exposed
     low lows unclear confusing confused complicated complaint complaints
     strike strikes protest protests halt halted`,
  ),
  ...entries(-1, `meh unlikely questionable modest risk risks`),
]);
