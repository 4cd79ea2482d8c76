// Implementations evaluated on first use: URL/URLSearchParams (about 100 KB, and 220 KB more for non-ASCII
// hosts), the streams (about 70 KB) and the fetch classes. Each global is an accessor until then; touching one
// evaluates its bundle once.
import { G, ObjectDefineProperty as defineProperty, ObjectGetOwnPropertyDescriptorRaw as getOwnPropertyDescriptor } from '../shared/intrinsics.js';
import { defineGlobal } from './idl.js';

/**
 * Defines each name as a global that evaluates `load()` (an object of all of them) when first touched; the names in
 * `operations` (`fetch`) are enumerable, as WebIDL's operations of the global are (see defineGlobal).
 */
export function lazyGlobals(names, load, operations = []) {
  const enumerableName = (name) => { for (let i = 0; i < operations.length; i++) if (operations[i] === name) return true; return false; };
  let loaded;
  const ensure = () => {
    if (!loaded) {
      loaded = load();
      for (let i = 0; i < names.length; i++) {
        // A global the script replaced before first use stays replaced.
        const d = getOwnPropertyDescriptor(G, names[i]);
        if (d && d.get && d.get.lazyWebGlobal) defineGlobal(names[i], loaded[names[i]], enumerableName(names[i]));
      }
    }
    return loaded;
  };
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const get = defineProperty(function () { return ensure()[name]; }, 'name', { value: `get ${name}` });
    defineProperty(get, 'lazyWebGlobal', { value: true });
    defineProperty(G, name, {
      get,
      // Assigning before first use replaces the global, as assigning a data property would.
      set: defineProperty(function (value) { defineGlobal(name, value, enumerableName(name)); }, 'name', { value: `set ${name}` }),
      enumerable: enumerableName(name),
      configurable: true,
    });
  }
  return { ensure, peek: () => loaded };
}
