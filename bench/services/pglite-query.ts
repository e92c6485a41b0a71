// Issue 16: what one trivial PGlite query costs through the services' database layer
// (packages/service-kit/src/database.ts, which trims PGlite's parser map) against a PGlite left
// with its default map, alternating rounds in the same process. Prints µs per query.
//   npx tsx bench/services/pglite-query.ts [queries per round]
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@simplebank/service-kit';

const perRound = Number(process.argv[2] ?? 5000);
const rounds = 5;

async function timePerQuery(query: (sql: string) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < perRound; i++) await query('SELECT 1 AS one');
  return ((performance.now() - started) * 1000) / perRound;
}

const layer = await openDatabase({ dataDir: 'memory://' });
const plain = await PGlite.create('memory://');
const results = { layer: [] as number[], plain: [] as number[] };
for (let round = 0; round < rounds; round++) {
  results.plain.push(await timePerQuery((sql) => plain.query(sql)));
  results.layer.push(await timePerQuery((sql) => layer.query(sql)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      queriesPerRound: perRound,
      rounds,
      plainPgliteMicrosPerQuery: Number(median(results.plain).toFixed(1)),
      serviceLayerMicrosPerQuery: Number(median(results.layer).toFixed(1)),
    },
    null,
    2,
  ),
);
await layer.close();
await plain.close();
