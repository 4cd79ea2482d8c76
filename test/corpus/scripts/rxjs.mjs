import { from, of, map, filter, reduce, mergeMap, lastValueFrom } from 'rxjs';
const source = from([1, 2, 3, 4, 5, 6]); // breakpoint
source.pipe(filter((x) => x % 2 === 0), map((x) => x * 10)).subscribe({ next: (v) => console.log('value', v), complete: () => console.log('done') });
const total = await lastValueFrom(of(1, 2, 3).pipe(mergeMap((x) => of(x, x)), reduce((a, b) => a + b, 0)));
console.log('total', total);
