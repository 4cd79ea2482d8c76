import CryptoJS from 'crypto-js';
const key = 'secret key 123'; // breakpoint
console.log(CryptoJS.SHA256('hello').toString(), CryptoJS.MD5('hello').toString());
console.log(CryptoJS.HmacSHA1('message', key).toString(CryptoJS.enc.Base64));
const iv = CryptoJS.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');
const k = CryptoJS.enc.Hex.parse('2b7e151628aed2a6abf7158809cf4f3c');
const ct = CryptoJS.AES.encrypt('attack at dawn', k, { iv }).toString();
console.log(ct, CryptoJS.AES.decrypt(ct, k, { iv }).toString(CryptoJS.enc.Utf8));
