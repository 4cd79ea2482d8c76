// Entry of dist/web-fetch.js: Headers, Request, Response, FormData and fetch (the Fetch standard, and FormData from
// XMLHttpRequest), evaluated in a sandbox only when the script first touches one of them (see web.part.js). The
// bundle's value is a function of the web kernel's internals (`kernel`, below) returning the five globals.
//
// `kernel`: DOMException, Blob, File, AbortSignal, AbortController; domString(v), webIdl(ctor), tag(ctor, name) (web/idl.js); blobBytes(x) (a Blob's bytes, never to be written, or undefined);
// blobOfUrl(url) (the Blob of a URL.createObjectURL URL, or undefined);
// newBlob(bytes, type) and newFile(bytes, name, type, lastModified) (without copying); streamOfBytes(bytes, onRead);
// loadedStreams() (the stream globals if already evaluated, else undefined); urlApi() (URL and URLSearchParams, evaluated on demand);
// searchParamsClass() (URLSearchParams if already evaluated, else undefined); randomBytes(n); rawFetch() (the platform
// kernel's transport: (url, method, headersJson, body) => Promise<[metaJson, ArrayBuffer]>).
'use strict';

module.exports = function installFetch(kernel) {
  const { DOMException, Blob, File, AbortSignal, AbortController, domString } = kernel;
  const defineProperty = Object.defineProperty;
  const JSONstringify = JSON.stringify, JSONparse = JSON.parse;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const utf8 = (text) => encoder.encode(text);
  const fromUtf8 = (bytes) => decoder.decode(bytes);

  /** WebIDL's shape (web/idl.js): members, static ones too, enumerable; the interface's name as its string tag. */
  function webIdl(ctor, name) {
    kernel.webIdl(ctor);
    kernel.tag(ctor, name);
  }
  /**
   * WebIDL's pair iterator: `entries`, `keys`, `values` and `@@iterator` give `<name> Iterator` objects (on
   * %IteratorPrototype%) whose next() reads `pairsOf(target)` afresh at each step, so changes made while iterating show.
   */
  function pairIterable(ctor, name, pairsOf) {
    const iteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
    const iterState = new WeakMap();
    const iterOf = slotsOf(iterState, `${name} Iterator`);
    defineProperty(iteratorProto, 'next', {
      value: function next() {
        const s = iterOf(this);
        const pairs = pairsOf(s.target);
        if (s.index >= pairs.length) return { value: undefined, done: true };
        const [k, v] = pairs[s.index++];
        return { value: s.kind === 'keys' ? k : s.kind === 'values' ? v : [k, v], done: false };
      },
      writable: true, enumerable: true, configurable: true,
    });
    defineProperty(iteratorProto, Symbol.toStringTag, { value: `${name} Iterator`, configurable: true });
    const iterator = (target, kind) => {
      pairsOf(target); // the brand check, at the call as WebIDL has it
      const it = Object.create(iteratorProto);
      iterState.set(it, { target, kind, index: 0 });
      return it;
    };
    const methods = {
      entries() { return iterator(this, 'entries'); },
      keys() { return iterator(this, 'keys'); },
      values() { return iterator(this, 'values'); },
    };
    for (const key of ['entries', 'keys', 'values']) defineProperty(ctor.prototype, key, { value: methods[key], writable: true, configurable: true });
    defineProperty(ctor.prototype, Symbol.iterator, { value: methods.entries, writable: true, configurable: true });
  }
  function enumValue(value, allowed, what) {
    const s = domString(value);
    if (!allowed.includes(s)) throw new TypeError(`Failed to construct 'Request': The provided value '${s}' is not a valid enum value of type ${what}.`);
    return s;
  }
  function concat(chunks) {
    let size = 0;
    for (const c of chunks) size += c.length;
    const all = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { all.set(c, at); at += c.length; }
    return all;
  }
  /** Bytes of a string in which each character is one byte (for searching multipart bodies with string methods). */
  function binaryString(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return s;
  }

  /** The reader of a class's internal slots (a WeakMap): a TypeError for anything else, as WebIDL's brand checks. */
  function slotsOf(map, name) {
    return (x) => {
      const s = map.get(x);
      if (!s) throw new TypeError(`Illegal invocation: not a ${name}`);
      return s;
    };
  }

  // ---- Headers ----
  const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const edgeWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const headerState = new WeakMap();
  const headersOf = slotsOf(headerState, 'Headers');
  function checkName(name) {
    const n = domString(name);
    if (!token.test(n)) throw new TypeError(`Headers: '${n}' is not a valid HTTP header name.`);
    return n.toLowerCase();
  }
  function checkValue(value) {
    const v = domString(value).replace(edgeWhitespace, '');
    if (/[\0\r\n]/.test(v)) throw new TypeError(`Headers: '${v}' is not a valid HTTP header value (it has a NUL, CR or LF).`);
    // ByteString: a header value is bytes, so a character above U+00FF cannot be one (encode the text, e.g. encodeURIComponent).
    if (/[^\0-\xff]/.test(v)) throw new TypeError(`Headers: '${v}' is not a valid HTTP header value (a character above U+00FF is not a byte; percent-encode it).`);
    return v;
  }
  function checkMutable(s) {
    if (s.guard === 'immutable') throw new TypeError('Headers: these headers are immutable (they belong to a response from fetch, Response.error or Response.redirect).');
  }
  function fillHeaders(headers, init) {
    if (init === undefined || init === null) {
      if (init === null) throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
      return;
    }
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const p = [...pair];
        if (p.length !== 2) throw new TypeError("Failed to construct 'Headers': Invalid value: each header pair must have exactly two items (a name and a value).");
        headers.append(p[0], p[1]);
      }
      return;
    }
    for (const key of Reflect.ownKeys(init)) {
      const d = Reflect.getOwnPropertyDescriptor(init, key);
      if (d && d.enumerable) headers.append(key, init[key]);
    }
  }
  class Headers {
    constructor(init = undefined) {
      headerState.set(this, { list: [], guard: 'none' });
      fillHeaders(this, init);
    }
    append(name, value) {
      const s = headersOf(this);
      const n = checkName(name), v = checkValue(value);
      checkMutable(s);
      s.list.push([n, v]);
    }
    delete(name) {
      const s = headersOf(this);
      const n = checkName(name);
      checkMutable(s);
      s.list = s.list.filter((p) => p[0] !== n);
    }
    get(name) {
      const n = checkName(name);
      const values = headersOf(this).list.filter((p) => p[0] === n).map((p) => p[1]);
      return values.length ? values.join(', ') : null;
    }
    getSetCookie() { return headersOf(this).list.filter((p) => p[0] === 'set-cookie').map((p) => p[1]); }
    has(name) { const n = checkName(name); return headersOf(this).list.some((p) => p[0] === n); }
    set(name, value) {
      const s = headersOf(this);
      const n = checkName(name), v = checkValue(value);
      checkMutable(s);
      const at = s.list.findIndex((p) => p[0] === n);
      if (at < 0) { s.list.push([n, v]); return; }
      s.list[at] = [n, v];
      s.list = s.list.filter((p, i) => i <= at || p[0] !== n);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'Headers': The callback provided as parameter 1 is not a function.");
      const pairs = sortAndCombine(headersOf(this).list);
      for (let i = 0; i < pairs.length; i++) callback.call(thisArg, pairs[i][1], pairs[i][0], this);
    }
  }
  pairIterable(Headers, 'Headers', (h) => sortAndCombine(headersOf(h).list));
  /** The Fetch standard's "sort and combine": names in order, values of one name joined, each set-cookie on its own. */
  function sortAndCombine(list) {
    const names = [...new Set(list.map((p) => p[0]))].sort();
    const out = [];
    for (const n of names) {
      const values = list.filter((p) => p[0] === n).map((p) => p[1]);
      if (n === 'set-cookie') for (const v of values) out.push([n, v]);
      else out.push([n, values.join(', ')]);
    }
    return out;
  }
  function newHeaders(init, guard) {
    const h = new Headers(init);
    headersOf(h).guard = guard;
    return h;
  }
  webIdl(Headers, 'Headers');

  // ---- FormData ----
  const formState = new WeakMap();
  const formOf = slotsOf(formState, 'FormData');
  /** An entry's value: a string, or a File (a Blob becomes a File named "blob", or `filename`). */
  function entryValue(value, filename, args, what) {
    if (kernel.blobBytes(value) === undefined) {
      if (args > 2) throw new TypeError(`Failed to execute '${what}' on 'FormData': parameter 2 is not of type 'Blob'.`);
      return domString(value);
    }
    if (value instanceof File && filename === undefined) return value;
    return kernel.newFile(kernel.blobBytes(value), filename === undefined ? (value instanceof File ? value.name : 'blob') : domString(filename), value.type,
      value instanceof File ? value.lastModified : Date.now());
  }
  class FormData {
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': the sandbox has no HTML forms; call new FormData() and append entries.");
      formState.set(this, []);
    }
    append(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError(`Failed to execute 'append' on 'FormData': 2 arguments required, but only ${arguments.length} present.`);
      formOf(this).push([domString(name), entryValue(value, filename, arguments.length, 'append')]);
    }
    delete(name) { const n = domString(name); formState.set(this, formOf(this).filter((e) => e[0] !== n)); }
    get(name) { const n = domString(name); const e = formOf(this).find((x) => x[0] === n); return e ? e[1] : null; }
    getAll(name) { const n = domString(name); return formOf(this).filter((e) => e[0] === n).map((e) => e[1]); }
    has(name) { const n = domString(name); return formOf(this).some((e) => e[0] === n); }
    set(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError(`Failed to execute 'set' on 'FormData': 2 arguments required, but only ${arguments.length} present.`);
      const n = domString(name);
      const entry = [n, entryValue(value, filename, arguments.length, 'set')];
      const list = formOf(this);
      const at = list.findIndex((e) => e[0] === n);
      if (at < 0) { list.push(entry); return; }
      list[at] = entry;
      formState.set(this, list.filter((e, i) => i <= at || e[0] !== n));
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'FormData': The callback provided as parameter 1 is not a function.");
      // The list is read at each step, as a live iterator does.
      for (let i = 0; i < formOf(this).length; i++) callback.call(thisArg, formOf(this)[i][1], formOf(this)[i][0], this);
    }
  }
  pairIterable(FormData, 'FormData', formOf);
  webIdl(FormData, 'FormData');

  // multipart/form-data as the HTML standard encodes it: names and file names with CR, LF and '"' percent-escaped, line
  // breaks in names and string values as CRLF.
  const crlf = (s) => s.replace(/\r\n|\r|\n/g, '\r\n');
  const escapeField = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  function multipart(entries) {
    const random = new Uint8Array(kernel.randomBytes(12));
    let boundary = '----QuickJSSandboxFormBoundary';
    for (const b of random) boundary += 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36];
    const chunks = [];
    for (const [name, value] of entries) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeField(crlf(name))}"`;
      if (typeof value === 'string') {
        chunks.push(utf8(`${head}\r\n\r\n${crlf(value)}\r\n`));
      } else {
        head += `; filename="${escapeField(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        chunks.push(utf8(head), kernel.blobBytes(value), utf8('\r\n'));
      }
    }
    chunks.push(utf8(`--${boundary}--\r\n`));
    return { bytes: concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
  }
  /** A MIME type's parameter (`boundary`, `charset`), unquoted, or undefined. */
  function mimeParameter(type, name) {
    const m = new RegExp(`;\\s*${name}=("((?:[^"\\\\]|\\\\.)*)"|[^;\\s]*)`, 'i').exec(type);
    if (!m) return undefined;
    return m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[1];
  }
  function parseMultipart(bytes, boundary) {
    const text = binaryString(bytes);
    const delimiter = `--${boundary}`;
    const bad = () => new TypeError('Failed to fetch: the body is not valid multipart/form-data (formData() could not parse it).');
    const form = new FormData();
    let at = text.indexOf(delimiter);
    if (at < 0) throw bad();
    for (;;) {
      at += delimiter.length;
      if (text.startsWith('--', at)) return form;
      if (!text.startsWith('\r\n', at)) throw bad();
      const headEnd = text.indexOf('\r\n\r\n', at + 2);
      if (headEnd < 0) throw bad();
      const head = fromUtf8(bytes.subarray(at + 2, headEnd));
      const next = text.indexOf(`\r\n${delimiter}`, headEnd + 4);
      if (next < 0) throw bad();
      const content = bytes.slice(headEnd + 4, next);
      const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(head);
      if (!disposition) throw bad();
      const field = (key) => {
        const m = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition[1]);
        return m ? m[1].replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%22/g, '"') : undefined;
      };
      const name = field('name');
      if (name === undefined) throw bad();
      const filename = field('filename');
      if (filename === undefined) {
        form.append(name, fromUtf8(content));
      } else {
        const type = /^content-type:\s*(.*)$/im.exec(head);
        form.append(name, kernel.newFile(content, filename, type ? type[1].trim() : '', Date.now()));
      }
      at = next + 2;
    }
  }

  // ---- the body mixin, shared by Request and Response ----
  const nullBodyStatus = [101, 103, 204, 205, 304];
  /** The Fetch standard's "extract a body": bytes or a stream, and the Content-Type it implies. */
  function extractBody(init) {
    const blob = kernel.blobBytes(init);
    if (blob !== undefined) return { bytes: blob, type: init.type || null };
    if (typeof init === 'string') return { bytes: utf8(init), type: 'text/plain;charset=UTF-8' };
    if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), type: null };
    if (ArrayBuffer.isView(init)) return { bytes: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), type: null };
    if (formState.has(init)) { const m = multipart(formOf(init)); return { bytes: m.bytes, type: m.type }; }
    const SearchParams = kernel.searchParamsClass();
    if (SearchParams && init instanceof SearchParams) return { bytes: utf8(init.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    const streams = kernel.loadedStreams();
    if (streams && init instanceof streams.ReadableStream) {
      if (init.locked) throw new TypeError('The body stream is locked (a reader holds it).');
      return { stream: init, type: null };
    }
    return { bytes: utf8(domString(init)), type: 'text/plain;charset=UTF-8' };
  }
  const bodyState = new WeakMap();
  const bodyOf = slotsOf(bodyState, 'Request or Response');
  /** The body's state: `bytes` until someone asks for `body`, then `stream`; `used` once read. */
  function newBody(extracted) {
    return { bytes: extracted ? extracted.bytes || null : null, stream: extracted ? extracted.stream || null : null, used: false, hasBody: !!extracted };
  }
  function streamOf(s) {
    if (!s.hasBody) return null;
    if (!s.stream) {
      s.stream = kernel.streamOfBytes(s.bytes, () => { s.used = true; });
      s.bytes = null;
    }
    return s.stream;
  }
  async function consume(x) {
    const s = bodyOf(x);
    if (s.used) throw new TypeError('Body has already been consumed (a body can be read once; clone() first to read it twice).');
    if (!s.hasBody) { s.used = true; return new Uint8Array(0); }
    if (!s.stream) { s.used = true; return s.bytes; }
    if (s.stream.locked) throw new TypeError('The body stream is locked (a reader holds it).');
    s.used = true;
    const chunks = [];
    const reader = s.stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError('A body stream gave a chunk that is not a Uint8Array.');
      chunks.push(value);
    }
    return concat(chunks);
  }
  function cloneBody(s) {
    if (s.used || (s.stream && s.stream.locked)) throw new TypeError('Body has already been consumed or is locked: it cannot be cloned.');
    if (!s.stream) return { ...s };
    const [a, b] = s.stream.tee();
    s.stream = a;
    return { bytes: null, stream: b, used: false, hasBody: true };
  }
  const bodyMixin = {
    get body() { return streamOf(bodyOf(this)); },
    get bodyUsed() { return bodyOf(this).used; },
    arrayBuffer() { return consume(this).then((b) => b.slice().buffer); },
    bytes() { return consume(this).then((b) => b.slice()); },
    text() { return consume(this).then(fromUtf8); },
    json() { return consume(this).then((b) => JSONparse(fromUtf8(b))); },
    blob() {
      const type = this.headers.get('content-type');
      return consume(this).then((b) => kernel.newBlob(b.slice(), type === null ? '' : type));
    },
    formData() {
      const type = this.headers.get('content-type') || '';
      return consume(this).then((b) => {
        const essence = type.split(';')[0].trim().toLowerCase();
        if (essence === 'multipart/form-data') {
          const boundary = mimeParameter(type, 'boundary');
          if (!boundary) throw new TypeError('formData(): the multipart/form-data Content-Type has no boundary.');
          return parseMultipart(b, boundary);
        }
        if (essence === 'application/x-www-form-urlencoded') {
          const form = new FormData();
          for (const [k, v] of new (kernel.urlApi().URLSearchParams)(fromUtf8(b))) form.append(k, v);
          return form;
        }
        throw new TypeError(`formData(): the Content-Type '${type}' is neither multipart/form-data nor application/x-www-form-urlencoded.`);
      });
    },
  };
  function mixBody(ctor) {
    for (const key of Reflect.ownKeys(bodyMixin)) defineProperty(ctor.prototype, key, Object.getOwnPropertyDescriptor(bodyMixin, key));
  }

  // ---- Request ----
  const requestState = new WeakMap();
  const requestOf = slotsOf(requestState, 'Request');
  const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
  function checkMethod(method) {
    const m = domString(method);
    if (!token.test(m)) throw new TypeError(`Failed to construct 'Request': '${m}' is not a valid HTTP method.`);
    const upper = m.toUpperCase();
    if (forbiddenMethods.includes(upper)) throw new TypeError(`Failed to construct 'Request': '${m}' HTTP method is unsupported.`);
    return normalizedMethods.includes(upper) ? upper : m;
  }
  function parseUrl(input, what) {
    const { URL } = kernel.urlApi();
    let url;
    try {
      url = new URL(domString(input));
    } catch {
      throw new TypeError(`${what}: '${String(input)}' is not an absolute URL (the sandbox has no page to resolve a relative URL against).`);
    }
    return url;
  }
  const modes = ['same-origin', 'no-cors', 'cors', 'navigate'];
  const credentialsModes = ['omit', 'same-origin', 'include'];
  const caches = ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'];
  const redirects = ['follow', 'error', 'manual'];
  const policies = ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin',
    'strict-origin-when-cross-origin', 'unsafe-url'];
  class Request {
    constructor(input, init = undefined) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      const o = init === undefined || init === null ? {} : init;
      const from = requestState.get(input);
      const s = from ? { ...from } : {
        method: 'GET', url: '', mode: 'cors', credentials: 'same-origin', cache: 'default', redirect: 'follow',
        referrer: 'about:client', referrerPolicy: '', integrity: '', keepalive: false,
      };
      if (!from) {
        const url = parseUrl(input, "Failed to construct 'Request'");
        if (url.username || url.password) throw new TypeError(`Failed to construct 'Request': the URL '${url.href}' includes credentials.`);
        s.url = url.href;
      }
      if (o.method !== undefined) s.method = checkMethod(o.method);
      if (o.mode !== undefined) {
        s.mode = enumValue(o.mode, modes, 'RequestMode');
        if (s.mode === 'navigate') throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
      }
      if (o.credentials !== undefined) s.credentials = enumValue(o.credentials, credentialsModes, 'RequestCredentials');
      if (o.cache !== undefined) s.cache = enumValue(o.cache, caches, 'RequestCache');
      if (s.cache === 'only-if-cached' && s.mode !== 'same-origin') throw new TypeError("Failed to construct 'Request': 'only-if-cached' can be set only with 'same-origin' mode");
      if (o.redirect !== undefined) s.redirect = enumValue(o.redirect, redirects, 'RequestRedirect');
      if (o.referrerPolicy !== undefined) s.referrerPolicy = enumValue(o.referrerPolicy, policies, 'ReferrerPolicy');
      if (o.referrer !== undefined) s.referrer = o.referrer === '' ? '' : parseUrl(o.referrer, "Failed to construct 'Request'").href;
      if (o.integrity !== undefined) s.integrity = domString(o.integrity);
      if (o.keepalive !== undefined) s.keepalive = !!o.keepalive;
      if (o.window !== undefined && o.window !== null) throw new TypeError("Failed to construct 'Request': 'window' can only be null.");
      const signal = o.signal !== undefined ? o.signal : from ? from.signal : null;
      if (signal !== null && !(signal instanceof AbortSignal)) throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      // The request's own signal follows the given one (a new signal, as the standard makes).
      s.signal = signal ? AbortSignal.any([signal]) : new AbortController().signal;
      const headers = newHeaders(o.headers !== undefined ? o.headers : from ? [...headersOf(from.headers).list] : undefined, 'request');
      s.headers = headers;
      const hasInitBody = o.body !== undefined && o.body !== null;
      if ((hasInitBody || (from && bodyOf(input).hasBody && o.body === undefined)) && (s.method === 'GET' || s.method === 'HEAD')) {
        throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.");
      }
      let body;
      if (hasInitBody) {
        const extracted = extractBody(o.body);
        if (extracted.stream && o.duplex !== 'half') throw new TypeError("Failed to construct 'Request': The `duplex` member must be specified for a request with a streaming body ('half').");
        if (extracted.type !== null && !headers.has('content-type')) headersOf(headers).list.push(['content-type', extracted.type]);
        body = newBody(extracted);
      } else if (from && o.body === undefined && bodyOf(input).hasBody) {
        const inputBody = bodyOf(input);
        if (inputBody.used || (inputBody.stream && inputBody.stream.locked)) throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a Request object that has already been used.");
        // The new request takes the input's body, which counts as used from now on.
        body = { ...inputBody };
        inputBody.used = true;
      } else {
        body = newBody(null);
      }
      requestState.set(this, s);
      bodyState.set(this, body);
    }
    get method() { return requestOf(this).method; }
    get url() { return requestOf(this).url; }
    get headers() { return requestOf(this).headers; }
    get destination() { requestOf(this); return ''; }
    get referrer() { const r = requestOf(this).referrer; return r === 'about:client' ? 'about:client' : r; }
    get referrerPolicy() { return requestOf(this).referrerPolicy; }
    get mode() { return requestOf(this).mode; }
    get credentials() { return requestOf(this).credentials; }
    get cache() { return requestOf(this).cache; }
    get redirect() { return requestOf(this).redirect; }
    get integrity() { return requestOf(this).integrity; }
    get keepalive() { return requestOf(this).keepalive; }
    get isReloadNavigation() { requestOf(this); return false; }
    get isHistoryNavigation() { requestOf(this); return false; }
    get signal() { return requestOf(this).signal; }
    get duplex() { requestOf(this); return 'half'; }
    clone() {
      const s = requestOf(this);
      const body = cloneBody(bodyOf(this));
      const copy = Object.create(Request.prototype);
      requestState.set(copy, { ...s, headers: newHeaders([...headersOf(s.headers).list], headersOf(s.headers).guard), signal: AbortSignal.any([s.signal]) });
      bodyState.set(copy, body);
      return copy;
    }
  }
  mixBody(Request);
  webIdl(Request, 'Request');

  // ---- Response ----
  const responseState = new WeakMap();
  const responseOf = slotsOf(responseState, 'Response');
  const reasonPhrase = /^[\t\x20-\x7e\x80-\xff]*$/;
  function makeResponse(state, body) {
    const r = Object.create(Response.prototype);
    responseState.set(r, state);
    bodyState.set(r, body);
    return r;
  }
  class Response {
    constructor(body = null, init = undefined) {
      const o = init === undefined || init === null ? {} : init;
      const status = o.status === undefined ? 200 : Number(o.status);
      if (!(status >= 200 && status <= 599) || Math.floor(status) !== status) {
        throw new RangeError(`Failed to construct 'Response': The status provided (${o.status}) is outside the range [200, 599].`);
      }
      const statusText = o.statusText === undefined ? '' : domString(o.statusText);
      if (!reasonPhrase.test(statusText)) throw new TypeError("Failed to construct 'Response': Invalid statusText.");
      const headers = newHeaders(o.headers, 'response');
      let extracted = null;
      if (body !== null && body !== undefined) {
        if (nullBodyStatus.includes(status)) throw new TypeError(`Failed to construct 'Response': Response with null body status (${status}) cannot have body.`);
        extracted = extractBody(body);
        if (extracted.type !== null && !headers.has('content-type')) headersOf(headers).list.push(['content-type', extracted.type]);
      }
      responseState.set(this, { type: 'default', url: '', redirected: false, status, statusText, headers });
      bodyState.set(this, newBody(extracted));
    }
    static error() {
      return makeResponse({ type: 'error', url: '', redirected: false, status: 0, statusText: '', headers: newHeaders(undefined, 'immutable') }, newBody(null));
    }
    static redirect(url, status = 302) {
      const href = parseUrl(url, "Failed to execute 'redirect' on 'Response'").href;
      const code = Number(status);
      if (![301, 302, 303, 307, 308].includes(code)) throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code ${status}.`);
      return makeResponse({ type: 'default', url: '', redirected: false, status: code, statusText: '', headers: newHeaders([['location', href]], 'immutable') }, newBody(null));
    }
    static json(data, init = undefined) {
      const text = JSONstringify(data);
      if (text === undefined) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable.");
      const r = new Response(text, init);
      const headers = responseOf(r).headers;
      if (!headersOf(headers).list.some((p) => p[0] === 'content-type' && p[1] !== 'text/plain;charset=UTF-8')) headers.set('content-type', 'application/json');
      return r;
    }
    get type() { return responseOf(this).type; }
    get url() { return responseOf(this).url; }
    get redirected() { return responseOf(this).redirected; }
    get status() { return responseOf(this).status; }
    get ok() { const s = responseOf(this).status; return s >= 200 && s <= 299; }
    get statusText() { return responseOf(this).statusText; }
    get headers() { return responseOf(this).headers; }
    clone() {
      const s = responseOf(this);
      const body = cloneBody(bodyOf(this));
      return makeResponse({ ...s, headers: newHeaders([...headersOf(s.headers).list], headersOf(s.headers).guard) }, body);
    }
  }
  mixBody(Response);
  webIdl(Response, 'Response');

  // ---- fetch: the request is built here, sent by the host (which checks the permission for each origin) ----
  const atobFn = atob;
  /**
   * The Fetch standard's data: URL processor: [MIME type, bytes], or undefined for a malformed URL. Local: reading one
   * needs no network, so it needs no permission either.
   */
  function processDataUrl(url) {
    const hash = url.indexOf('#');
    const input = (hash < 0 ? url : url.slice(0, hash)).slice('data:'.length);
    const comma = input.indexOf(',');
    if (comma < 0) return undefined;
    let mime = input.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
    // Percent-decoding: the URL parser has already percent-encoded everything outside ASCII.
    const encoded = input.slice(comma + 1);
    let bytes = new Uint8Array(encoded.length);
    let n = 0;
    for (let i = 0; i < encoded.length; i++) {
      const c = encoded.charCodeAt(i);
      if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(encoded.slice(i + 1, i + 3))) {
        bytes[n++] = parseInt(encoded.slice(i + 1, i + 3), 16);
        i += 2;
      } else bytes[n++] = c;
    }
    bytes = bytes.subarray(0, n);
    const base64 = /;[ ]*base64$/i.exec(mime);
    if (base64) {
      let binary;
      try { binary = atobFn(binaryString(bytes)); } catch { return undefined; }
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      mime = mime.slice(0, base64.index);
    }
    if (mime.startsWith(';')) mime = 'text/plain' + mime;
    return [serializeMime(mime) || 'text/plain;charset=US-ASCII', bytes];
  }
  /** A MIME type as the MIME Sniffing standard parses and serializes it (type and parameter names lower-cased), or ''. */
  function serializeMime(text) {
    const m = /^([^/;]+)\/([^;]+?)[\t\n\f\r ]*(;.*)?$/s.exec(text);
    if (!m || !token.test(m[1]) || !token.test(m[2])) return '';
    let out = `${m[1].toLowerCase()}/${m[2].toLowerCase()}`;
    for (const param of (m[3] || '').split(';').slice(1)) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const name = param.slice(0, eq).replace(/^[\t\n\f\r ]+/, '').toLowerCase();
      const value = param.slice(eq + 1);
      if (token.test(name) && value !== '' && !out.includes(`;${name}=`)) out += `;${name}=${value}`;
    }
    return out;
  }
  function fetch(input, init = undefined) {
    return new Promise((resolve, reject) => {
      const request = new Request(input, init);
      const s = requestOf(request);
      const signal = s.signal;
      if (signal.aborted) { reject(signal.reason); return; }
      if (s.url.startsWith('blob:')) {
        // The Fetch standard's blob: scheme fetch: GET only, the Blob's bytes with its size and type.
        const blob = kernel.blobOfUrl(s.url);
        if (blob === undefined || s.method !== 'GET') {
          reject(new TypeError(`fetch: ${s.url} ${blob === undefined ? 'names no Blob (it was never made by URL.createObjectURL in this sandbox, or was revoked)' : 'can only be read with GET'}.`));
          return;
        }
        resolve(makeResponse({ type: 'basic', url: s.url, redirected: false, status: 200, statusText: 'OK',
          headers: newHeaders([['content-length', String(blob.size)], ['content-type', blob.type]], 'immutable') }, newBody({ bytes: kernel.blobBytes(blob), type: null })));
        return;
      }
      if (s.url.startsWith('data:')) {
        const data = processDataUrl(s.url);
        if (data === undefined) { reject(new TypeError(`fetch: ${s.url.slice(0, 60)} is not a valid data: URL (it needs a comma, and base64 data must be valid base64).`)); return; }
        resolve(makeResponse({ type: 'basic', url: s.url, redirected: false, status: 200, statusText: 'OK', headers: newHeaders([['content-type', data[0]]], 'immutable') },
          newBody({ bytes: data[1], type: null })));
        return;
      }
      const onAbort = () => reject(signal.reason);
      // The host's request is abandoned, not cut: it runs to its end, but the script sees the abort at once.
      signal.addEventListener('abort', onAbort, { once: true });
      const pairs = [...headersOf(s.headers).list];
      const hasBody = bodyOf(request).hasBody;
      (hasBody ? consume(request) : Promise.resolve(undefined))
        .then((bytes) => kernel.rawFetch()(s.url, s.method, JSONstringify(pairs), bytes === undefined ? undefined : bytes.slice().buffer))
        .then((pair) => {
          const meta = JSONparse(pair[0]);
          const body = pair[1];
          const nullBody = nullBodyStatus.includes(meta.status) || s.method === 'HEAD';
          resolve(makeResponse({
            type: 'basic', url: meta.url, redirected: !!meta.redirected, status: meta.status, statusText: meta.statusText,
            headers: newHeaders(meta.headers, 'immutable'),
          }, newBody(nullBody ? null : { bytes: new Uint8Array(body), type: null })));
        })
        .then(() => signal.removeEventListener('abort', onAbort), (e) => { signal.removeEventListener('abort', onAbort); reject(e); });
    });
  }

  return { Headers, Request, Response, FormData, fetch };
};
