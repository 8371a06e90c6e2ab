// The same measurements with graphql-js (the reference implementation), for comparison with
// bench_graphql: parse SDL, SDL -> schema (buildASTSchema), introspection JSON -> schema
// (JSON.parse + buildClientSchema). Prints min and median of 30 runs in milliseconds.
//   node bench/graphql/graphql_js.mjs
import { readFileSync } from 'node:fs';
import { buildASTSchema, buildClientSchema, parse } from 'graphql';

const dir = new URL('./node_modules/@octokit/graphql-schema/', import.meta.url);
const sdl = readFileSync(new URL('schema.graphql', dir), 'utf8');
const json = JSON.stringify(JSON.parse(readFileSync(new URL('schema.json', dir), 'utf8')));

function measure(name, fn, runs = 30) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} min ${ms[0].toFixed(3).padStart(8)} ms   median ${ms[runs >> 1].toFixed(3).padStart(8)} ms   (${runs} runs)`);
}

measure('graphql-js parse SDL', () => parse(sdl, { noLocation: false }));
measure('graphql-js SDL -> schema', () => buildASTSchema(parse(sdl), { assumeValidSDL: true }));
measure('graphql-js introspection -> schema', () => {
  const result = JSON.parse(json);
  buildClientSchema(result.data ?? result);
});
