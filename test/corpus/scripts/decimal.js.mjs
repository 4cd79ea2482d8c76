import Decimal from 'decimal.js';
Decimal.set({ precision: 30 });
const x = new Decimal('0.1').plus('0.2'); // breakpoint
console.log(x.toString(), new Decimal(2).sqrt().toString(), new Decimal('1e-7').toFixed(), Decimal.exp(1).toSignificantDigits(20).toString());
