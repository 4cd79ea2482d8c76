import shajs from 'sha.js';
const input = 'The quick brown fox'; // breakpoint
console.log(shajs('sha256').update(input).digest('hex'), shajs('sha1').update(input).digest('base64'));
