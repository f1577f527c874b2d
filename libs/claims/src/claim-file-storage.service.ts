import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '@lib/config';
import { ClaimsError, ClaimsErrorCode } from './claims.errors';

export interface StoredFile {
  sha256: string;
  byteSize: number;
  /** Relative to STORAGE_DIR: `<sha[0:2]>/<sha>`. */
  storagePath: string;
}

/**
 * Raw claim files, content-addressed by SHA-256 (any statement traces back to the exact
 * bytes). A file is streamed to a temporary name while it is hashed and counted, never held in
 * memory, then renamed into place; the same bytes land on the same path. An empty file is stored
 * like any other: the worker rejects it (EMPTY_FILE) as a submission the history shows.
 */
@Injectable()
export class ClaimFileStorage {
  constructor(private readonly config: AppConfig) {}

  async store(input: Readable, maxBytes = this.config.api.maxUploadBytes): Promise<StoredFile> {
    const tmpDir = join(this.config.storageDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let byteSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        byteSize += chunk.length;
        if (byteSize > maxBytes) {
          callback(
            new ClaimsError(ClaimsErrorCode.FILE_TOO_LARGE, `The file is larger than the limit of ${maxBytes} bytes`),
          );
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmpPath));
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
    const sha256 = hash.digest('hex');
    const storagePath = join(sha256.slice(0, 2), sha256);
    const finalPath = this.absolute(storagePath);
    await mkdir(dirname(finalPath), { recursive: true });
    if (await exists(finalPath)) await unlink(tmpPath);
    else await rename(tmpPath, finalPath);
    return { sha256, byteSize, storagePath };
  }

  absolute(storagePath: string): string {
    return join(this.config.storageDir, storagePath);
  }

  open(storagePath: string): Readable {
    return createReadStream(this.absolute(storagePath), { highWaterMark: 256 * 1024 });
  }

  async exists(storagePath: string): Promise<boolean> {
    return exists(this.absolute(storagePath));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
