// Entry of dist/web-intl.js: ECMA-402 Intl from the FormatJS polyfills (getCanonicalLocales, Locale, PluralRules,
// NumberFormat, DateTimeFormat, RelativeTimeFormat, ListFormat) with the `en` data. Bundled at build time inside a
// function of `Intl` (the object web.kernel.js makes), so the polyfills fill that object and nothing else; a sandbox
// evaluates it only on first use of Intl or of a toLocaleString method. Each polyfill also sets the toLocaleString
// methods of Number, BigInt and Date; web.kernel.js decides which of them stay. Other locales are
// dist/web-intl-<locale>.js, and time zone data dist/web-intl-tz.js, each loaded when first asked for.
import '@formatjs/intl-getcanonicallocales/polyfill-force.js';
import '@formatjs/intl-locale/polyfill-force.js';
import '@formatjs/intl-pluralrules/polyfill-force.js';
import '@formatjs/intl-pluralrules/locale-data/en.js';
import '@formatjs/intl-numberformat/polyfill-force.js';
import '@formatjs/intl-numberformat/locale-data/en.js';
import '@formatjs/intl-datetimeformat/polyfill-force.js';
import '@formatjs/intl-datetimeformat/locale-data/en.js';
import '@formatjs/intl-relativetimeformat/polyfill-force.js';
import '@formatjs/intl-relativetimeformat/locale-data/en.js';
import '@formatjs/intl-listformat/polyfill-force.js';
import '@formatjs/intl-listformat/locale-data/en.js';
