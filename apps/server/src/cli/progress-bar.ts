/** A one-line progress bar on stderr; silent when stderr is not a terminal (CI logs, pipes). */
export function createProgressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let lastDrawn = -1;
  const enabled = stream.isTTY === true && total > 0;
  return {
    update(done: number): void {
      if (!enabled) return;
      const fraction = Math.min(1, done / total);
      const percent = Math.floor(fraction * 100);
      if (percent === lastDrawn) return;
      lastDrawn = percent;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`);
    },
    finish(): void {
      if (enabled && lastDrawn >= 0) stream.write('\n');
    },
  };
}
