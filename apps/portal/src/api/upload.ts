import { ApiError, notifySignedOut } from './http';

export interface UploadedSubmission {
  submission: { id: string; status: string; stateCode: string; originalFileName: string | null };
  links: { self: string; problemsCsv: string; exceptionsCsv: string };
  /** False when the state sent the same bytes before (200 with the earlier submission). */
  created: boolean;
}

/**
 * Streams a claim file of any size to POST /v1/states/{usps}/claim-files as the raw body
 * (XMLHttpRequest: fetch has no upload progress). The browser reads the file from disk as it
 * sends; nothing is held in memory. The cookie authorizes it; the browser adds the Origin.
 */
export function uploadClaimFile(
  stateCode: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<UploadedSubmission>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedSubmission>((resolve, reject) => {
    xhr.open(
      'POST',
      `/v1/states/${encodeURIComponent(stateCode)}/claim-files?fileName=${encodeURIComponent(file.name)}`,
    );
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = xhr.response as (UploadedSubmission & { error?: { code?: string; message?: string } }) | null;
      if (xhr.status === 200 || xhr.status === 202) {
        if (body) resolve({ ...body, created: xhr.status === 202 });
        else reject(new ApiError('The server sent no answer', xhr.status));
        return;
      }
      if (xhr.status === 401) notifySignedOut();
      reject(
        new ApiError(
          body?.error?.message ?? `The upload failed (${xhr.status})`,
          xhr.status,
          body?.error?.code ?? null,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError('The upload was interrupted: check the connection and try again', 0));
    xhr.onabort = () => reject(new ApiError('Upload cancelled', 0));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
