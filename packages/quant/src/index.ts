export type { OhlcvBar } from './bars/ohlcv-bar';
export {
  BAR_TIMEFRAMES,
  bucketStart,
  isBarTimeframe,
  TIMEFRAME_MS,
  timeframeMs,
  type BarTimeframe,
} from './bars/timeframe';
export { resampleBars, type ResampleOptions, type ResampleResult } from './bars/resample-bars';
export { BarResampler } from './bars/bar-resampler';
export { ResampleInputError, ResampleTimeframeError } from './bars/resample.error';
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
// Regime features, standardisation, model selection, labels, online tracking, model JSON (periphery).
export {
  REGIME_FEATURE_NAMES,
  computeRegimeFeatures,
  createFeatureCalculators,
  featureWarmUpBars,
  isRegimeFeatureName,
  parseFeatureNames,
  type RegimeFeatureMatrix,
  type RegimeFeatureName,
} from './features/regime-features';
export { FeatureInputError, FeatureNotReadyError, UnknownFeatureError } from './features/feature-input.error';
export { StreamingFeature, type BarField } from './features/streaming-feature';
export { LogReturn } from './features/log-return';
export { AbsReturn } from './features/abs-return';
export { RollingVolatility } from './features/rolling-volatility';
export { HighLowRange } from './features/high-low-range';
export { VolumeZScore } from './features/volume-z-score';
export {
  ConstantFeatureError,
  fitStandardizer,
  standardize,
  standardizeRow,
  unstandardizeMoments,
  type Standardizer,
} from './hmm/standardizer';
export {
  informationCriteria,
  parameterCount,
  selectStates,
  type SelectionOptions,
  type StateSelection,
  type StatesCandidate,
} from './hmm/model-selection';
export {
  canonicalizeStates,
  describeStates,
  NEUTRAL_SHARPE_PER_BAR,
  type CanonicalStates,
  type DescribeOptions,
  type RegimeLabelOptions,
  type RegimeStateStats,
} from './hmm/regime-labels';
export { permuteStates, stateVariances } from './hmm/state-permutation';
export { expectedDurations, pathOccupancy, stationaryDistribution } from './hmm/markov-chain-stats';
export { RegimeTracker, RegimeTrackerNotReadyError } from './hmm/regime-tracker';
export { fromModelJson, MODEL_JSON_VERSION, toModelJson, type HMMModel, type HMMModelJson } from './hmm/hmm-model-json';
export {
  generateRegimeSeries,
  REFERENCE_REGIMES,
  REFERENCE_TRANSITION,
  REGIME_SERIES_START,
  type RegimeSeries,
  type RegimeSeriesOptions,
  type RegimeSpec,
} from './synthetic/regime-series';
export {
  COVARIANCE_TYPES,
  type CovarianceType,
  type FitOptions,
  type FitResult,
  type GaussianHMMParams,
  type HMMPriors,
  type Matrix,
} from './hmm/hmm-types';
export { fitGaussianHMM, requiredRows } from './hmm/fit-gaussian-hmm';
export { DEFAULT_FIT_OPTIONS, HMMLEARN_PRIORS, MLE_PRIORS } from './hmm/hmm-defaults';
export { filteredProbs, forwardStep, posteriorProbs, scoreHMM, viterbiPath } from './hmm/hmm-inference';
export { HMMInputError, InsufficientDataError, InvalidParamsError } from './hmm/hmm-errors';
// Forecasting: streaming indicators, features and targets, models, walk-forward evaluation.
export { StreamingIndicator, type BatchResult } from './indicators/indicator';
export { BarIndicator, type BarInput, type IndicatorBarField } from './indicators/bar-indicator';
export { toBarColumns, type BarColumns, type BarColumnsOf } from './indicators/bar-columns';
export { IndicatorInputError, IndicatorNotReadyError } from './indicators/indicator.error';
export { SMA, computeSMA } from './indicators/sma';
export { EMA, computeEMA } from './indicators/ema';
export { RSI, computeRSI } from './indicators/rsi';
export { MACD, computeMACD, type MACDResult } from './indicators/macd';
export { WMA, computeWMA } from './indicators/wma';
export { BollingerBands, computeBollingerBands, type BollingerBandsResult } from './indicators/bollinger-bands';
export { ATR, computeATR } from './indicators/atr';
export { ADX, computeADX, type ADXResult } from './indicators/adx';
export { Stochastic, computeStochastic, type StochasticResult } from './indicators/stochastic';
export { StochRSI, computeStochRSI } from './indicators/stoch-rsi';
export { OBV, computeOBV } from './indicators/obv';
export { VWAP, computeVWAP, VWAP_ANCHORS, type VWAPAnchor } from './indicators/vwap';
export { DonchianChannel, computeDonchianChannel, type DonchianChannelResult } from './indicators/donchian-channel';
export { ZScore, computeZScore } from './indicators/z-score';
export {
  buildForecastFeatures,
  DEFAULT_FEATURE_SPEC,
  type ForecastFeatures,
  type ForecastFeatureSpec,
} from './forecast/forecast-features';
export { buildTargets, type ForecastTargets } from './forecast/targets';
export {
  directionThreshold,
  isDirectionHit,
  logReturnBetween,
  priceAfterLogReturn,
  saysUp,
  type ForecastKind,
} from './forecast/direction';
export { buildForecastDataset, type ForecastDataset } from './forecast/forecast-dataset';
export { ForecastInputError } from './forecast/forecast-input.error';
export { utcCivil, daysFromCivil, parseIsoDate } from './forecast/utc-calendar';
export {
  annualisedSharpe,
  computeMetrics,
  maxDrawdown,
  type ForecastMetrics,
  type MetricsInput,
} from './forecast/forecast-metrics';
export { conformalHalfWidth, minCalibrationSize } from './forecast/conformal';
export {
  walkForward,
  type WalkForwardFold,
  type WalkForwardInput,
  type WalkForwardPrediction,
  type WalkForwardResult,
} from './forecast/walk-forward';
export {
  BASELINE_FOR,
  isModelName,
  MODEL_NAMES,
  type Forecaster,
  type ForecasterJson,
  type ModelName,
} from './models/forecaster';
export { ForecasterInputError, ForecasterNotFittedError } from './models/forecaster.error';
export { createForecaster, forecasterFromJson } from './models/create-forecaster';
export {
  BASELINE_NAMES,
  baselineFor,
  baselineNameOf,
  type BaselineName,
  type BaselineSpec,
} from './models/baseline-for';
export { LagMeanForecaster, ZeroForecaster } from './models/baselines';
export { RidgeForecaster } from './models/ridge';
export { LogisticForecaster } from './models/logistic';
export { ARForecaster } from './models/ar-model';
// Signals: the rule language and the strategy engine shared by live signals and backtests.
export { parseRule, MAX_OFFSET_BARS } from './signals/rules/rule-parser';
export { compileRuleSet, type CompiledRuleSet } from './signals/rules/rule-compiler';
export { InvalidRuleError, RuleMeaningError, RuleSyntaxError } from './signals/rules/rule-errors';
export { INDICATOR_CATALOG, SERIES, type IndicatorSpec } from './signals/rules/indicator-catalog';
export {
  StrategyRunner,
  type ClosedTrade,
  type EntryFilter,
  type OpenPosition,
  type RunnerOptions,
  type StepEvents,
  type StrategySignal,
} from './signals/engine/strategy-runner';
export {
  EXIT_REASONS,
  SIGNAL_ACTIONS,
  type ExitReason,
  type PositionSide,
  type SignalAction,
  type StrategySpec,
} from './signals/engine/strategy-spec';
export { slipped, tradeReturn } from './signals/engine/trade-return';
export {
  lookAheadCheck,
  runBacktest,
  type BacktestOptions,
  type BacktestResult,
  type LookAheadReport,
  type RegimeBreakdown,
} from './signals/engine/backtest';
export type { BacktestInput } from './signals/engine/backtest-bars';
export {
  buyAndHoldEquity,
  computeBacktestMetrics,
  drawdownDetail,
  type BacktestMetrics,
  type DrawdownDetail,
} from './signals/engine/backtest-metrics';
export { captureState, decodeState, restoreState, type Snapshot } from './signals/engine/state-snapshot';
export { compileRuleSetBatch, type BatchRuleSet } from './signals/rules/rule-batch';
// Screener: metrics of a symbol's daily bars, the composite score, the filter language and the screen runner.
export * from './screen/screen-metrics';
export * from './screen/screen-input.error';
export * from './screen/compute-screen-metrics';
export * from './screen/screen-metrics-series';
export * from './screen/trailing-return';
export * from './screen/as-of-align';
export * from './screen/window-drawdown';
export * from './screen/log-return-volatility';
export * from './screen/composite-score';
export * from './screen/screen-fields';
export * from './screen/screen-filter-ast';
export * from './screen/screen-filter.error';
export * from './screen/screen-filter-parser';
export * from './screen/screen-filter-mask';
export * from './screen/screen-sort';
export * from './screen/screen-table';
export * from './screen/run-screen';
export * from './screen/screen-views';
// Meme Radar risk (issue 12): on-chain anomalies from ERC-20 transfers, pump-and-dump patterns from bars,
// sentiment spikes, flags with evidence, the risk score, the trusted-token list and assessment diffs.
export * from './risk/token-transfer';
export { log10Big, ratio, robustScale, type RobustScale } from './risk/amount-math';
export * from './risk/risk-params';
export * from './risk/risk-flag';
export * from './risk/risk-score';
export * from './risk/trusted-tokens';
export * from './risk/holder-balances';
export * from './risk/holder-growth';
export * from './risk/whale-transfers';
export * from './risk/transfer-bursts';
export * from './risk/fresh-wallet-clusters';
export * from './risk/mint-events';
export * from './risk/wash-cycles';
export * from './risk/pump-pattern';
export * from './risk/sentiment-spike';
export * from './risk/assess-token';
export * from './risk/scan-transfers';
export * from './risk/assessment-diff';
// Meme Radar sentiment (issue 12): tokenizer, crypto/finance lexicon with VADER-style rules, TF-IDF + softmax
// regression, the shipped model and the scorer factory, classification metrics.
export { isShouted, tokenize, TOKEN_KINDS, type SentimentToken, type TokenKind } from './sentiment/sentiment-tokenizer';
export {
  COMPOUND_THRESHOLD,
  isSentimentLabel,
  labelOfCompound,
  SENTIMENT_LABELS,
  type SentimentLabel,
  type SentimentResult,
} from './sentiment/sentiment-labels';
export { lexiconSize, lookupTerm, type LexiconEntry } from './sentiment/sentiment-lexicon';
export { scoreLexicon, type LexiconHit, type LexiconScore } from './sentiment/lexicon-scorer';
export { modelTerms, ngrams, TfidfVectorizer, type SparseVector, type TfidfOptions } from './sentiment/tfidf';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './sentiment/lbfgs';
export {
  balancedSampleWeights,
  fitSoftmaxRegression,
  softmaxProbabilities,
  type SoftmaxFit,
  type SoftmaxFitOptions,
  type SoftmaxModel,
} from './sentiment/softmax-regression';
export {
  analyseText,
  LEXICON_FEATURE_SETS,
  type LexiconFeatureSet,
  type SentimentDocument,
} from './sentiment/sentiment-features';
export {
  scoreWithLexicon,
  SentimentModel,
  trainSentimentModel,
  type SentimentModelConfig,
  type SentimentPrediction,
  type TrainedSentimentModel,
} from './sentiment/sentiment-model';
export {
  formatSentimentModelJson,
  SENTIMENT_MODEL_FORMAT,
  SentimentModelJsonError,
  sentimentModelFromJson,
  toSentimentModelJson,
  type SentimentModelJson,
} from './sentiment/sentiment-model-json';
export {
  selectSentimentConfig,
  sentimentConfigGrid,
  validationSplit,
  type CandidateResult,
} from './sentiment/sentiment-model-selection';
export { SHIPPED_MODEL_SEED, trainSentimentModels, type SentimentTraining } from './sentiment/sentiment-training';
export {
  createSentimentScorer,
  isSentimentMethod,
  SENTIMENT_METHODS,
  shippedSentimentModel,
  type SentimentMethod,
  type SentimentScorer,
} from './sentiment/sentiment-scorer';
export { classificationReport, type ClassificationReport, type ClassMetrics } from './sentiment/classification-metrics';
export { generateDemoToken, type DemoToken, type DemoTokenLabel, type DemoTokenOptions } from './synthetic/demo-token';
export { syntheticAddress, syntheticTxHash } from './synthetic/synthetic-ids';
export { demoTokenPosts, type DemoTokenPost } from './synthetic/demo-token-posts';
export { sentimentBuckets, type ScoredPost } from './risk/sentiment-buckets';
export { nearestRankPercentile } from './stats/percentile';
