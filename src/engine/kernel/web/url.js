// URL and URLSearchParams (whatwg-url, dist/web-url.js and dist/web-idna.js), evaluated when a script first touches them.
import { host } from './host.js';
import { lazyGlobals } from './lazyGlobals.js';
import { addObjectUrls } from './blobUrls.js';

export const urlApi = lazyGlobals(['URL', 'URLSearchParams'], () => {
  const loaded = host.loadUrl()(() => host.loadIdna());
  addObjectUrls(loaded.URL);
  return { URL: loaded.URL, URLSearchParams: loaded.URLSearchParams };
});
