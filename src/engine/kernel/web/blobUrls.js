// The File API's blob URL store: URL.createObjectURL and URL.revokeObjectURL, and the Blob a blob: URL names when
// fetch reads one. The sandbox's origin is opaque, so its URLs are blob:null/<uuid>. A Blob stays alive until its URL
// is revoked, as in browsers.
import { TypeErrorCtor, MapCtor, MapGet, MapSet, MapDelete, StrSlice, StrIndexOf, ObjectDefineProperty as defineProperty } from '../shared/intrinsics.js';
import { domString } from './idl.js';
import { blobBytesOf } from './blob.js';
import { uuid } from './crypto.js';

const store = new MapCtor();
const withoutFragment = (url) => {
  const hash = StrIndexOf(url, '#');
  return hash < 0 ? url : StrSlice(url, 0, hash);
};
const methods = {
  createObjectURL(obj) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'createObjectURL' on 'URL': 1 argument required, but only 0 present.");
    if (blobBytesOf(obj) === undefined) throw new TypeErrorCtor("Failed to execute 'createObjectURL' on 'URL': parameter 1 is not of type 'Blob'.");
    const url = `blob:null/${uuid()}`;
    MapSet(store, url, obj);
    return url;
  },
  revokeObjectURL(url) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'revokeObjectURL' on 'URL': 1 argument required, but only 0 present.");
    MapDelete(store, withoutFragment(domString(url)));
  },
};
/** Gives the URL class (evaluated lazily, web/url.js) its two static operations. */
export function addObjectUrls(URL) {
  // Indexed, not for-of: this runs on first use of URL, after the script may have replaced the array iterator.
  const names = ['createObjectURL', 'revokeObjectURL'];
  for (let i = 0; i < names.length; i++) {
    defineProperty(URL, names[i], { value: methods[names[i]], writable: true, enumerable: true, configurable: true });
  }
}
/** The Blob a blob: URL names (its fragment ignored), or undefined once revoked or never made. */
export function blobOfUrl(url) {
  return MapGet(store, withoutFragment(url));
}
