import { addMonths, format, differenceInDays, eachDayOfInterval, isWeekend, parseISO } from 'date-fns';
const d = parseISO('2024-01-31T12:00:00Z'); // breakpoint
console.log(addMonths(d, 1).toISOString(), differenceInDays(parseISO('2024-12-25'), parseISO('2024-01-01')));
const days = eachDayOfInterval({ start: parseISO('2024-06-01'), end: parseISO('2024-06-09') });
console.log(days.filter(isWeekend).length, format(parseISO('2024-06-01T00:00:00'), 'EEEE do MMMM yyyy'));
