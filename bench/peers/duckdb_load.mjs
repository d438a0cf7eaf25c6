// DuckDB peer of the import benchmark: loads households.csv and members.csv into tables of a
// DuckDB database file, with the column types of the exchange format and no validation.
// usage: node duckdb_load.mjs DATA_DIR DB_FILE   (@duckdb/node-api from BENCH_NODE_MODULES)
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(join(process.env.BENCH_NODE_MODULES || '.', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');
const [dataArg, dbArg] = process.argv.slice(2);
const data = resolve(dataArg);
const money = 'DECIMAL(15,2)';
const tables = {
  households: {
    household_id: 'VARCHAR', village_code: 'VARCHAR', status: 'VARCHAR', wage_income: money,
    business_income: money, property_income: money, transfer_income: money,
    production_costs: money, prev_net_income: money, rigid_medical: money,
    rigid_education: money, rigid_other: money, housing_safe: 'TINYINT', water_safe: 'TINYINT',
  },
  members: {
    id_number: 'VARCHAR', household_id: 'VARCHAR', name: 'VARCHAR', relation: 'VARCHAR',
    sex: 'VARCHAR', birth_date: 'DATE', labor: 'VARCHAR', health: 'VARCHAR',
    school_stage: 'VARCHAR', enrolled: 'TINYINT', med_insured: 'TINYINT',
    pension_insured: 'TINYINT', shares_household: 'TINYINT',
  },
};
const inst = await DuckDBInstance.create(resolve(dbArg));
const con = await inst.connect();
for (const [name, columns] of Object.entries(tables)) {
  const cols = Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ');
  await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${join(data, name + '.csv')}', ` +
    `header = true, delim = ',', quote = '"', auto_detect = false, columns = {${cols}})`);
}
con.closeSync?.();
