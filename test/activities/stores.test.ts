/**
 * The stores of the system of record on the embedded database (PostgreSQL 18 from npm, db/embedded.ts):
 * the shared suite (`test/helpers/store-suite.ts`), which `npm run test:services` runs on PostgreSQL.
 */
import { testDatabase } from '../helpers/database';
import { storeSuite } from '../helpers/store-suite';

storeSuite('embedded database', (name) => testDatabase(name));
