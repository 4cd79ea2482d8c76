// The web part's share in the globals kernel's structuredClone and atob (handed over when the part is evaluated:
// globals/web.js): their errors are instances of the global DOMException (`e instanceof DOMException`, as
// web-platform tests check), and Blob, File and DOMException clone as the HTML standard's serializable objects.
import { DOMException, domExceptionParts } from './domException.js';
import { cloneBlob } from './blob.js';

/** A copy of a Blob, File or DOMException; undefined for anything else. */
export function clonePlatformObject(value) {
  const blob = cloneBlob(value);
  if (blob !== undefined) return blob;
  const parts = domExceptionParts(value);
  return parts === undefined ? undefined : new DOMException(parts.message, parts.name);
}
