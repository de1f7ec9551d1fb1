/**
 * A lane of statements: at most `width()` of them run at once, the others wait their turn in
 * arrival order. The data-service gateway seals its next batch while the current one is written,
 * but writes one batch at a time: concurrent batches append to the same right-most index pages
 * and cost PostgreSQL more per row than the same rows written in turn (decision 0106).
 */
export class StatementLane {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly width: () => number) {}

  async run<T>(statement: () => Promise<T>): Promise<T> {
    if (this.running >= Math.max(1, this.width())) await new Promise<void>((go) => this.queue.push(go));
    else this.running++;
    try {
      return await statement();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
