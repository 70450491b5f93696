export * from './common.schema';
export * from './auth.schema';
export * from './market-data.schema';
export * from './ops.schema';
export * from './regimes.schema';
export * from './forecasts.schema';
export * from './registry.schema';
export * from './strategy.schema';
