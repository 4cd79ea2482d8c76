// display(): rich output for notebooks (HTML, SVG, Markdown, JSON, images, charts), sent to the host as text.
import { bytesOf, TextDecoder } from './encoding.js';
import { btoa } from './base64.js';
import {
  TypeErrorCtor, MathMin, StringFromCharCode, ReflectApply, ObjectKeys, StrIncludes, StrStartsWith,
} from '../shared/intrinsics.js';
import {
  list, push, defineHidden, safeString, isArrayBuffer, isDataView, typedArrayTag, isArray,
} from '../shared/safe.js';
import { values } from './values.js';

/** Mime types chosen by a single well-known key: display({ html: '<b>x</b>' }). */
const displayKeys = { __proto__: null, html: 'text/html', svg: 'image/svg+xml', markdown: 'text/markdown',
  json: 'application/json', png: 'image/png', jpeg: 'image/jpeg', text: 'text/plain' };
/** Bytes given to display(): text mimes read them as UTF-8; images and other binary mimes travel as base64. */
function displayBytesText(type, bytes) {
  if (StrStartsWith(type, 'text/') || StrIncludes(type, 'json') || StrIncludes(type, 'xml')) return new TextDecoder().decode(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = list();
    const end = MathMin(bytes.length, i + 8192);
    for (let j = i; j < end; j++) push(codes, bytes[j]);
    binary += ReflectApply(StringFromCharCode, undefined, codes);
  }
  return btoa(binary);
}

/** The global `display(value, mime?)` and `display.chart(data, spec?)`, sending rich output to `host.display`. */
export function createDisplay(hostDisplay) {
  function display(value, mime = undefined) {
    let type = mime === undefined ? undefined : safeString(mime);
    let data = value;
    if (type === undefined && typeof value === 'object' && value !== null && !isArray(value)) {
      const keys = ObjectKeys(value);
      if (keys.length === 1 && displayKeys[keys[0]] !== undefined) {
        type = displayKeys[keys[0]];
        data = value[keys[0]];
      }
    }
    if (type === undefined) type = 'text/plain';
    let text;
    if (typeof data === 'string') text = data;
    else if (isArrayBuffer(data) || typedArrayTag(data) !== undefined || isDataView(data)) text = displayBytesText(type, bytesOf(data));
    else if (StrIncludes(type, 'json')) text = values().jsonText(data);
    else text = values().inspectWith(data);
    hostDisplay(type, text);
  }
  /**
   * display.chart(data, spec): the data and spec go to the notebook as JSON; the extension checks them (its errors
   * name the field to fix) and the notebook's chart renderer draws them.
   */
  function chart(data, spec = undefined) {
    if (data === null || typeof data !== 'object') {
      throw new TypeErrorCtor('display.chart(data, spec): data must be an array of records, an array of numbers, or an object of columns');
    }
    hostDisplay('application/vnd.quickjs.chart+json', values().jsonText({ __proto__: null, data, spec }));
  }
  defineHidden(display, 'chart', chart);
  return display;
}
