// Regenerate an expected file (node resolves graphql next to the script): cp print.mjs tests/fixtures/graphql-server/_pr.mjs && node tests/fixtures/graphql-server/_pr.mjs FILE > FILE.printed; rm the copy
import { parse, print } from 'graphql';
import fs from 'fs';
const src = fs.readFileSync(process.argv[2], 'utf8');
process.stdout.write(print(parse(src, {noLocation:true})));
