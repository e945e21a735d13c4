interface Call<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs calls made close together as one statement: the first call runs at once, and the calls arriving while
 * statements are in flight gather into the next batch. Under load the batches grow to the concurrency of the
 * callers and a round trip serves many; alone, a call waits for nothing. `run` answers one result per item,
 * in order; a statement that fails rejects every call of its batch. (DataLoader batches per tick and caches:
 * jobs arrive spread over ticks, so its batches stay small.)
 */
export class StatementBatcher<I, O> {
  private pending: Call<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: { maxBatch: number; parallel: number },
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flush();
    });
  }

  /** Several calls at once: they start a batch together (up to maxBatch) rather than the first alone. */
  callAll(items: I[]): Promise<O[]> {
    const results = items.map((item) => new Promise<O>((resolve, reject) => this.pending.push({ item, resolve, reject })));
    this.flush();
    return Promise.all(results);
  }

  private flush(): void {
    if (this.inFlight >= this.options.parallel || !this.pending.length) return;
    const batch = this.pending.splice(0, this.options.maxBatch);
    this.inFlight++;
    let run: Promise<O[]>;
    try {
      run = this.run(batch.map((call) => call.item));
    } catch (error) {
      run = Promise.reject(error);
    }
    void run
      .then(
        (results) => batch.forEach((call, i) => call.resolve(results[i])),
        (error: unknown) => batch.forEach((call) => call.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
  }
}
