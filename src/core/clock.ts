/**
 * The clock port. Rules take `now` as an input; only the outermost layers (src/cli, src/runtime,
 * the adapters) read the real clock and pass it in, so tests can fix the time.
 */
export type Clock = () => Date;
