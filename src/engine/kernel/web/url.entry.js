// Entry of dist/web-url.js: the WHATWG URL reference implementation (npm `whatwg-url`), bundled at build time and
// evaluated inside a sandbox only on its first use of URL or URLSearchParams (see web.part.js).
const { URL, URLSearchParams } = require('whatwg-url');
module.exports = { URL, URLSearchParams };
