// Native-messaging frames for the shell-level Windows tests (tests/stages/windows.sh):
//   node frames.mjs encode < messages.jsonl > frames.bin    one JSON message per line
//   node frames.mjs decode < frames.bin                    one JSON reply per line
// Exits 1 when the input ends inside a frame.
import { readFileSync } from 'node:fs';

const input = readFileSync(0);
if (process.argv[2] === 'encode') {
    const parts = [];
    for (const line of input.toString('utf8').split('\n').filter((l) => l.trim())) {
        const body = Buffer.from(JSON.stringify(JSON.parse(line)), 'utf8');
        const header = Buffer.alloc(4);
        header.writeUInt32LE(body.length);
        parts.push(header, body);
    }
    process.stdout.write(Buffer.concat(parts));
} else {
    let at = 0;
    while (at + 4 <= input.length) {
        const n = input.readUInt32LE(at);
        if (at + 4 + n > input.length) process.exit(1);
        console.log(input.subarray(at + 4, at + 4 + n).toString('utf8'));
        at += 4 + n;
    }
    if (at !== input.length) process.exit(1);
}
