/** The clock is a fact handed to rules, never read inside them (style.md §3). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A settable clock for tests of time-driven behaviour. */
export class FixedClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advanceMs(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}
