import jwt from 'jsonwebtoken';
const token = jwt.sign({ sub: 'ann', iat: 1700000000 }, 'secret'); // breakpoint
console.log(token, JSON.stringify(jwt.verify(token, 'secret')));
