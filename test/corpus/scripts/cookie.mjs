import * as cookie from 'cookie';
const header = 'sid=abc123; theme=dark; lang=en%20US'; // breakpoint
console.log(JSON.stringify(cookie.parse(header)));
console.log(cookie.serialize('token', 'a b', { httpOnly: true, maxAge: 3600, path: '/', sameSite: 'lax' }));
