// Test helper for pages that offer a file to download (usage and billing exports).
/** Captures downloads: the Blob URL's content and the file name the link offers, instead of navigating. */
export function captureDownloads(): {
  files: { name: string; text: Promise<string> }[];
  restore(): void;
} {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  const urlStatics = Object.getOwnPropertyDescriptors(URL);
  const anchor = (window as unknown as { HTMLAnchorElement: typeof HTMLAnchorElement }).HTMLAnchorElement.prototype;
  let next = 0;
  URL.createObjectURL = (blob: Blob) => {
    next += 1;
    const url = `blob:test/${next}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
  // An own click() on the anchor prototype shadows HTMLElement's, which would try to navigate.
  Object.defineProperty(anchor, 'click', {
    configurable: true,
    value(this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      files.push({ name: this.download, text: blob === undefined ? Promise.resolve('') : blob.text() });
    },
  });
  return {
    files,
    restore() {
      for (const name of ['createObjectURL', 'revokeObjectURL'] as const) {
        const original = urlStatics[name];
        if (original !== undefined) Object.defineProperty(URL, name, original);
      }
      delete (anchor as { click?: unknown }).click;
    },
  };
}
