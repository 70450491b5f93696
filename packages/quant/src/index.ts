export type { OhlcvBar } from './bars/ohlcv-bar';
export { createSeededRandom, type SeededRandom } from './random/seeded-random';
export {
  generateSyntheticBars,
  DEFAULT_REGIMES,
  DEFAULT_TRANSITION,
  type SyntheticBar,
  type SyntheticBarsOptions,
  type SyntheticRegime,
  type SyntheticSeries,
} from './synthetic/synthetic-bars';
export { buildCalendar, utcWeekday, type SyntheticSession } from './synthetic/synthetic-calendar';
export { DEMO_INSTRUMENTS, generateDemoBars, type DemoInstrument } from './synthetic/demo-instruments';
