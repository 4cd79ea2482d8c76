// Headers, Request, Response, FormData and fetch (kernel/web/fetch.entry.js, dist/web-fetch.js), evaluated when a script
// first touches one; they are given the kernel's own classes and the platform kernel's transport.
import { TypeErrorCtor } from '../shared/intrinsics.js';
import { host, platform } from './host.js';
import { DOMException } from './domException.js';
import { AbortSignal, AbortController } from './abort.js';
import { Blob, File, blobOf, blobBytesOf } from './blob.js';
import { blobOfUrl } from './blobUrls.js';
import { lazyGlobals } from './lazyGlobals.js';
import { domString, webIdl, tag } from './idl.js';
import { urlApi } from './url.js';
import { streams, streamOfBytes } from './streams.js';

lazyGlobals(['Headers', 'Request', 'Response', 'FormData', 'fetch'], () => host.loadFetch()({
  DOMException, Blob, File, AbortSignal, AbortController, domString, webIdl, tag,
  blobBytes: blobBytesOf,
  blobOfUrl,
  newBlob: (bytes, type) => blobOf(bytes, type),
  newFile: (bytes, name, type, lastModified) => blobOf(bytes, type, name, lastModified),
  streamOfBytes: (bytes, onRead) => streamOfBytes(bytes, onRead),
  loadedStreams: streams.peek,
  urlApi: urlApi.ensure,
  searchParamsClass: () => { const u = urlApi.peek(); return u && u.URLSearchParams; },
  randomBytes: host.randomBytes,
  rawFetch: () => {
    if (!platform.fetch) throw new TypeErrorCtor('fetch is not available in this context (no sandbox has connected it)');
    return platform.fetch;
  },
}), ['fetch']);
