// Saves a file the backend produced (base64) the way a browser does: a Blob and an
// <a download>. In Electron the same click opens the system's save dialog.
export interface ProducedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveProducedFile(file: ProducedFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; release it once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
