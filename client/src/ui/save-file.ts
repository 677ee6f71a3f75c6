// Hands a file the page already holds to the browser as a download under the given name.
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started saving from the URL by now; give slow ones a minute before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
