import base64 from 'base64-js';
const bytes = new TextEncoder().encode('héllo, wörld'); // breakpoint
const b64 = base64.fromByteArray(bytes);
console.log(b64, new TextDecoder().decode(base64.toByteArray(b64)), base64.byteLength(b64));
