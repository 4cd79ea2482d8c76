import { z } from 'zod';
const User = z.object({ name: z.string().min(2), email: z.string().email(), tags: z.array(z.string()).default([]) }); // breakpoint
console.log(JSON.stringify(User.parse({ name: 'Ann', email: 'ann@example.com' })));
const r = User.safeParse({ name: 'A', email: 'nope' });
console.log(r.success, JSON.stringify(r.error.issues.map((i) => [i.path.join('.'), i.code])));
