import { __assign, __rest, __spreadArray, __awaiter } from 'tslib';
const merged = __assign({ a: 1 }, { b: 2 }); // breakpoint
console.log(JSON.stringify(merged), JSON.stringify(__rest({ a: 1, b: 2, c: 3 }, ['a'])), JSON.stringify(__spreadArray([1], [2, 3], false)));
__awaiter(void 0, void 0, void 0, function* () { return (yield Promise.resolve(21)) * 2; }).then((v) => console.log('awaited', v));
