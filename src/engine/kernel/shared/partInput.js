// What a kernel hands a part's top-level code besides the intrinsics: in a part (*.part.js), scripts/kernel-bundle.mjs
// makes `partInput` the second argument of the part's function (the web part gets the globals kernel's clock,
// performance, structuredClone, the web host functions and the stubs it installed: globals/web.js). A kernel
// evaluated eagerly has none.
export const partInput = undefined;
