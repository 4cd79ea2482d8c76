// Entry of dist/web-idna.js: `tr46` (UTS #46 IDNA processing), evaluated only when a URL has a non-ASCII or punycode
// host (see tr46-lazy.js).
module.exports = require('tr46');
