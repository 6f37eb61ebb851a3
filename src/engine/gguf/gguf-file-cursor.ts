import type { FileHandle } from 'node:fs/promises';
import { GgufFormatError } from './gguf-format-error.js';

/** Bytes read from disk at a time: a typical header fits in a handful of reads. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A little-endian read position in a file, refilled a chunk at a time, so the reader never loads
 * tensor data and can step over long arrays without decoding them.
 * Callers `await ensure(n)` before the synchronous reads of those n bytes.
 */
export class GgufFileCursor {
  private buffer: Buffer = Buffer.alloc(0);
  /** File position of buffer[0]. */
  private bufferStart = 0;
  private position = 0;
  /** Bytes actually read from disk, for callers that check the reader stays cheap. */
  bytesRead = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly fileSize: number,
  ) {}

  get offset(): number {
    return this.position;
  }

  /** Makes the next `byteCount` bytes available, or fails naming `what` when the file ends first. */
  async ensure(byteCount: number, what: string): Promise<void> {
    const end = this.position + byteCount;
    if (end > this.fileSize) this.truncated(what);
    if (this.position >= this.bufferStart && end <= this.bufferStart + this.buffer.length) return;
    const length = Math.min(Math.max(byteCount, CHUNK_BYTES), this.fileSize - this.position);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, this.position);
    this.bytesRead += bytesRead;
    if (bytesRead < byteCount) this.truncated(what);
    this.buffer = buffer.subarray(0, bytesRead);
    this.bufferStart = this.position;
  }

  /** Moves past `byteCount` bytes without reading them. */
  skip(byteCount: number, what: string): void {
    if (this.position + byteCount > this.fileSize) this.truncated(what);
    this.position += byteCount;
  }

  private at(byteCount: number): number {
    const index = this.position - this.bufferStart;
    this.position += byteCount;
    return index;
  }

  uint8(): number {
    return this.buffer.readUInt8(this.at(1));
  }
  int8(): number {
    return this.buffer.readInt8(this.at(1));
  }
  uint16(): number {
    return this.buffer.readUInt16LE(this.at(2));
  }
  int16(): number {
    return this.buffer.readInt16LE(this.at(2));
  }
  uint32(): number {
    return this.buffer.readUInt32LE(this.at(4));
  }
  int32(): number {
    return this.buffer.readInt32LE(this.at(4));
  }
  float32(): number {
    return this.buffer.readFloatLE(this.at(4));
  }
  float64(): number {
    return this.buffer.readDoubleLE(this.at(8));
  }
  uint64(): bigint {
    return this.buffer.readBigUInt64LE(this.at(8));
  }
  int64(): bigint {
    return this.buffer.readBigInt64LE(this.at(8));
  }
  /** The next `byteCount` bytes (already ensured) as UTF-8. */
  utf8(byteCount: number): string {
    const index = this.at(byteCount);
    return this.buffer.toString('utf8', index, index + byteCount);
  }

  /** A uint64 count or size that must fit in a JavaScript number (and so in the file). */
  async count(what: string): Promise<number> {
    await this.ensure(8, what);
    const value = this.uint64();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new GgufFormatError(this.path, 'invalid', `${what} is ${value}, which no real file can hold`);
    }
    return Number(value);
  }

  /** A GGUF string: a uint64 byte length, then UTF-8 bytes. */
  async string(what: string): Promise<string> {
    const length = await this.count(`the length of ${what}`);
    await this.ensure(length, what);
    return this.utf8(length);
  }

  /** Steps over `count` GGUF strings; the common case needs no await, which matters for 150,000-token vocabularies. */
  async skipStrings(count: number, what: string): Promise<void> {
    for (let index = 0; index < count; index++) {
      const lengthAt = this.position - this.bufferStart;
      if (lengthAt < 0 || lengthAt + 8 > this.buffer.length) await this.ensure(8, `the length of ${what}[${index}]`);
      const length = this.uint64();
      if (length > BigInt(this.fileSize)) this.truncated(`${what}[${index}]`);
      this.skip(Number(length), `${what}[${index}]`);
    }
  }

  private truncated(what: string): never {
    throw new GgufFormatError(
      this.path,
      'truncated',
      `the file is truncated: it ends (at ${this.fileSize} bytes) inside ${what}, at byte ${this.position}`,
    );
  }
}
