import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { StreamFraming } from './emulator-types.js';

const KEEP_ALIVE_COMMENT = ': ping\n\n';
const FRAMES_PER_PACKED_WRITE = 3;
const BYTES_PER_PIECE = 5;

/**
 * Writes SSE frames the way `framing` asks. Frames arrive with `\n` line endings; JSON texts never hold a raw
 * newline, so every `\n` in a frame is a line ending and can be swapped for `\r\n` wholesale.
 * Stops as soon as the client goes away, so a cancelled stream sends nothing more.
 */
export async function writeFramedStream(
  outgoing: ServerResponse,
  frames: readonly string[],
  framing: StreamFraming,
): Promise<void> {
  const crlf = framing.lineEnding === '\r\n';
  const split = framing.split ?? 'none';
  const delayMs = framing.chunkDelayMs ?? 0;
  const units: string[] = [];
  for (const [index, frame] of frames.entries()) {
    if (framing.keepAliveComments === true && index > 0) units.push(KEEP_ALIVE_COMMENT);
    units.push(frame);
  }
  const writes = split === 'packed' ? packFrames(units) : units;
  for (const [index, unit] of writes.entries()) {
    if (outgoing.destroyed) return;
    if (index > 0 && delayMs > 0) await delay(delayMs);
    if (outgoing.destroyed) return;
    const text = crlf ? unit.replaceAll('\n', '\r\n') : unit;
    if (split === 'bytes') await writeInPieces(outgoing, text);
    else outgoing.write(text);
  }
}

function packFrames(units: readonly string[]): string[] {
  const packed: string[] = [];
  for (let start = 0; start < units.length; start += FRAMES_PER_PACKED_WRITE) {
    packed.push(units.slice(start, start + FRAMES_PER_PACKED_WRITE).join(''));
  }
  return packed;
}

/**
 * Cuts a frame into small byte pieces (inside JSON values and multi-byte characters alike) and always between
 * `\r` and `\n`, yielding to the event loop between writes so the client reads them separately.
 */
export function splitIntoBytePieces(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  let start = 0;
  for (let position = 0; position < bytes.length; position += 1) {
    const pieceIsFull = position + 1 - start >= BYTES_PER_PIECE;
    const endsWithCarriageReturn = bytes[position] === 0x0d;
    if (pieceIsFull || endsWithCarriageReturn || position === bytes.length - 1) {
      pieces.push(bytes.subarray(start, position + 1));
      start = position + 1;
    }
  }
  return pieces;
}

async function writeInPieces(outgoing: ServerResponse, text: string): Promise<void> {
  for (const piece of splitIntoBytePieces(text)) {
    if (outgoing.destroyed) return;
    outgoing.write(piece);
    await nextTurn();
  }
}
