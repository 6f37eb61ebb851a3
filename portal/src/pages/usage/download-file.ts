import { ApiError, errorFromBody } from '../../api/client';

/**
 * Fetches a file the API serves (CSV, printable HTML) with the signed-in token and hands it to the browser as a
 * download. A plain link cannot carry the Authorization header, so the body is fetched here and offered through a
 * Blob URL instead. Throws ApiError with the API's message when the answer is not 2xx.
 */
export async function downloadFile(path: string, token: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'Hangar could not be reached. Check that the server is running.');
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: errorFromBody falls back to the status.
    }
    throw errorFromBody(response.status, body);
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; the URL only needs to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

/** `attachment; filename="usage-team-day-2026-11-01-2026-11-30.csv"` → the name. */
export function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition === null ? null : /filename="?([^";]+)"?/i.exec(disposition);
  return match?.[1];
}
