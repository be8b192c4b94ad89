// An officer's photo, made small enough to travel in the contract: at most 256 px on its longer
// side, JPEG, as a data URL (the contract caps it at 280,000 characters). Decoded with
// createImageBitmap: no blob: URL, which the page's Content-Security-Policy does not allow.
export const PHOTO_MAX_SIDE = 256;
const MAX_DATA_URL_CHARS = 280_000;

export async function resizePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('canvas 2d unavailable');
  // JPEG has no transparency: a white background instead of black behind a transparent PNG.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.85, 0.7, 0.5]) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    if (dataUrl.length <= MAX_DATA_URL_CHARS) return dataUrl;
  }
  throw new Error('photo too large after resizing');
}
