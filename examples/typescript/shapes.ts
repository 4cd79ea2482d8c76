// TypeScript runs directly: types are stripped before QuickJS sees the code, and errors point at these lines.

interface Shape {
  readonly kind: string;
  area(): number;
  perimeter(): number;
}

class Circle implements Shape {
  readonly kind = 'circle';
  constructor(private readonly radius: number) {}
  area(): number {
    return Math.PI * this.radius ** 2;
  }
  perimeter(): number {
    return 2 * Math.PI * this.radius;
  }
}

class Rectangle implements Shape {
  readonly kind = 'rectangle';
  constructor(private readonly width: number, private readonly height: number) {}
  area(): number {
    return this.width * this.height;
  }
  perimeter(): number {
    return 2 * (this.width + this.height);
  }
}

type Summary = Record<string, { count: number; totalArea: number }>;

function summarize(shapes: readonly Shape[]): Summary {
  const out: Summary = {};
  for (const s of shapes) {
    const entry = (out[s.kind] ??= { count: 0, totalArea: 0 });
    entry.count++;
    entry.totalArea = Math.round((entry.totalArea + s.area()) * 100) / 100;
  }
  return out;
}

const shapes: Shape[] = [new Circle(1), new Rectangle(2, 3), new Circle(2.5), new Rectangle(4, 4)];
console.table(shapes.map((s) => ({ kind: s.kind, area: +s.area().toFixed(2), perimeter: +s.perimeter().toFixed(2) })));
console.log(summarize(shapes));
// The isoperimetric inequality: of all shapes with a given perimeter, the circle encloses the most area.
const ratio = (s: Shape) => (4 * Math.PI * s.area()) / s.perimeter() ** 2;
console.log('roundness (1 = circle):', shapes.map((s) => ratio(s).toFixed(3)).join(', '));
