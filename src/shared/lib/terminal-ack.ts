/**
 * Acknowledgements for `terminals.attach` output, as a view parses it. One `ack` per frame would be one RPC
 * per 64 KiB under a flood; this sends one when `batchBytes` have been parsed, or as soon as the view has
 * parsed everything it was given (so a quiet terminal is never left with unacknowledged bytes). The core
 * pauses the PTY at 1 MiB unacknowledged and resumes at 256 KiB, so a batch must stay well under 768 KiB.
 */
export function createAckBatcher(send: (bytes: number) => void, batchBytes = 256 * 1024) {
  /** Handed to the view, not parsed yet. */
  let inView = 0;
  let unacked = 0;
  return {
    /** A frame of `bytes` was handed to the view; call `parsed` with the same count once it is drawn. */
    written(bytes: number): void {
      inView += bytes;
    },
    parsed(bytes: number): void {
      inView -= bytes;
      unacked += bytes;
      if (unacked >= batchBytes || inView === 0) {
        send(unacked);
        unacked = 0;
      }
    },
  };
}
