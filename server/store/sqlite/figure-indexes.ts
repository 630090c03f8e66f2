/**
 * The secondary indexes of the figures (crossed aggregates and rollups), in
 * one list: migration 100 creates them, and a rebuild of every figure drops
 * them while it writes (each index would otherwise be maintained row by row
 * for tens of millions of rows) and creates them again in its last batch's
 * transaction. Rebuilding an index from a finished table is one sorted pass.
 */
export const FIGURE_INDEXES: readonly { name: string; sql: string }[] = [
  {
    name: 'aggregates_by_counter',
    sql: `CREATE INDEX IF NOT EXISTS aggregates_by_counter ON aggregates
      (grain, org_id, sp_id, bucket, officer_id, procedure_id, metric, channel, verified, unit_id, c1, c2, c3, c4, c5, na, n)`,
  },
  {
    name: 'aggregates_by_officer',
    sql: `CREATE INDEX IF NOT EXISTS aggregates_by_officer ON aggregates
      (grain, org_id, officer_id, bucket, procedure_id, metric, channel, verified, unit_id, sp_id, c1, c2, c3, c4, c5, na, n)`,
  },
  {
    name: 'aggregates_by_procedure',
    sql: `CREATE INDEX IF NOT EXISTS aggregates_by_procedure ON aggregates
      (grain, org_id, procedure_id, bucket, metric, channel, verified, unit_id, sp_id, officer_id, c1, c2, c3, c4, c5, na, n)`,
  },
  {
    name: 'rollups_by_metric',
    sql: `CREATE INDEX IF NOT EXISTS rollups_by_metric ON rollups
      (grain, org_id, dim, metric, bucket, key, channel, verified, c1, c2, c3, c4, c5, na, n) WHERE metric IN ('q:O', 'resp', 'comment')`,
  },
  {
    name: 'rollups_by_key_metric',
    sql: `CREATE INDEX IF NOT EXISTS rollups_by_key_metric ON rollups
      (grain, org_id, dim, key, metric, bucket, channel, verified, c1, c2, c3, c4, c5, na, n) WHERE metric IN ('q:O', 'resp', 'comment')`,
  },
];

export const createFigureIndexesSql = (): string => FIGURE_INDEXES.map((i) => `${i.sql};`).join('\n');
export const dropFigureIndexesSql = (): string => FIGURE_INDEXES.map((i) => `DROP INDEX IF EXISTS ${i.name};`).join('\n');
