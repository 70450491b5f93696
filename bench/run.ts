// `npm run bench`: every benchmark, one after another (they would disturb each other in parallel on 2 cores).
import { cpus, totalmem } from 'node:os';
import { runImportBenchmark } from './import-throughput.bench';
import { runHmmBenchmark } from './hmm.bench';
import { runForecastApiBenchmark } from './forecast-api.bench';
import { runIndicatorsBenchmark } from './indicators.bench';
import { runSignalEngineBenchmark } from './signal-engine.bench';
import { runScreenerBenchmark } from './screener.bench';
import { runMemeScanBenchmark } from './meme-scan.bench';
import { runCliStartupBenchmark } from './cli-startup.bench';

console.log(`# MarketLens benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
await runImportBenchmark();
await runHmmBenchmark();
await runForecastApiBenchmark();
await runIndicatorsBenchmark();
await runSignalEngineBenchmark();
await runScreenerBenchmark();
await runMemeScanBenchmark();
await runCliStartupBenchmark();
