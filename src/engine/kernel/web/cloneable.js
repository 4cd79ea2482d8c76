// The web kernel's part in the globals kernel's structuredClone and atob (which link is WEB_LINK, globals.kernel.js):
// their errors are instances of the global DOMException (`e instanceof DOMException`, as web-platform tests check),
// and Blob, File and DOMException clone as the HTML standard's serializable objects.
import { G } from '../shared/intrinsics.js';
import { WEB_LINK } from '../globals/domException.js';
import { DOMException, domExceptionParts } from './domException.js';
import { cloneBlob } from './blob.js';

const link = G[WEB_LINK];
if (typeof link === 'function') {
  link(DOMException, (value) => {
    const blob = cloneBlob(value);
    if (blob !== undefined) return blob;
    const parts = domExceptionParts(value);
    return parts === undefined ? undefined : new DOMException(parts.message, parts.name);
  });
}
