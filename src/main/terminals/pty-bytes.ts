import type { IPty } from 'node-pty';

interface DecodingStream {
  _readableState?: { decoder: unknown; encoding: unknown };
}

/**
 * Makes a node-pty terminal emit its output as Buffers instead of strings. The core forwards bytes, so
 * decoding every read to a string only to encode it again cost about a quarter of the core's CPU under a
 * flood (see bench/pty), and the strings were most of its garbage.
 *
 * node-pty's own `encoding: null` does this too, but it also leaves IUTF8 off on the terminal (it sets the
 * flag only when the encoding is UTF-8), which breaks erasing multi-byte characters in canonical-mode input
 * (`read`, `cat`, password prompts). So terminals are spawned with the default UTF-8 and the read stream's
 * decoder comes off before any output has been read: `setEncoding` has no inverse, and Node's readable state
 * exposes `decoder` and `encoding` as settable properties.
 *
 * Returns false where node-pty has no such stream (Windows' ConPTY); output then stays strings, which the
 * terminal still handles.
 */
export function readPtyAsBytes(pty: IPty): boolean {
  const state = (pty as unknown as { _socket?: DecodingStream })._socket?._readableState;
  if (!state || !('decoder' in state) || !('encoding' in state)) return false;
  state.decoder = null;
  state.encoding = null;
  return true;
}
