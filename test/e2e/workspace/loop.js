// Never ends: only a timeout or the Stop command ends it.
let n = 0;
while (true) n++;
