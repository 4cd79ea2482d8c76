// Globals evaluated on first use: the web part itself (the globals kernel's stubs, globals/web.js), and, within it,
// URL/URLSearchParams (about 100 KB, and 220 KB more for non-ASCII hosts), the streams (about 70 KB) and the fetch
// classes. Each global is an accessor until then; touching one evaluates its code once.
import { G, ObjectDefineProperty as defineProperty } from '../shared/intrinsics.js';
import { defineGlobal, replaceGlobal, isLazyGlobal } from './idl.js';

/**
 * Defines the global `name` as an accessor whose getter `get` gives its value until something defines the global
 * itself (the getter is marked so: see isLazyGlobal); assigning replaces it, as assigning a data property would.
 */
export function stubGlobal(name, get, enumerable) {
  defineProperty(get, 'name', { value: `get ${name}` });
  defineProperty(get, 'lazyWebGlobal', { value: true });
  defineProperty(G, name, {
    get,
    set: defineProperty(function (value) { replaceGlobal(name, value, enumerable); }, 'name', { value: `set ${name}` }),
    enumerable,
    configurable: true,
  });
}

/**
 * Defines each name as a global that evaluates `load()` (an object of all of them) when first touched; the names in
 * `operations` (`fetch`) are enumerable, as WebIDL's operations of the global are (see defineGlobal). Like every web
 * global, each takes the place of the globals kernel's stub only if the script left that in place.
 */
export function lazyGlobals(names, load, operations = []) {
  const enumerableName = (name) => { for (let i = 0; i < operations.length; i++) if (operations[i] === name) return true; return false; };
  let loaded;
  const ensure = () => {
    if (!loaded) {
      loaded = load();
      // A global the script replaced before first use stays replaced (defineGlobal).
      for (let i = 0; i < names.length; i++) defineGlobal(names[i], loaded[names[i]], enumerableName(names[i]));
    }
    return loaded;
  };
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (isLazyGlobal(name)) stubGlobal(name, function () { return ensure()[name]; }, enumerableName(name));
  }
  return { ensure, peek: () => loaded };
}
