import EventEmitter from 'eventemitter3';
const bus = new EventEmitter(); // breakpoint
bus.on('msg', (a, b) => console.log('msg', a, b));
bus.once('msg', () => console.log('first only'));
bus.emit('msg', 1, 2); bus.emit('msg', 3, 4);
console.log(bus.listenerCount('msg'), JSON.stringify(bus.eventNames()));
