import pluralize from 'pluralize';
const words = ['person', 'mouse', 'octopus', 'sheep', 'box', 'child']; // breakpoint
console.log(words.map((w) => pluralize(w)).join(' '), pluralize.singular('geese'), pluralize('apple', 3, true), pluralize.isPlural('mice'));
