import { nanoid, customAlphabet } from 'nanoid';
const id = nanoid(); // breakpoint
const hex = customAlphabet('0123456789abcdef', 12);
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), hex().length, /^[0-9a-f]+$/.test(hex()), nanoid(5).length);
