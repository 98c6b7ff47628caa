/**
 * `npm run mail-catcher` (npm start runs it): the local SMTP catcher (runtime/mail-catcher.ts) on
 * the configured SMTP port, keeping every e-mail in `<ZORGINKOOP_DATA_DIR>/mailbox/`.
 */
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { databaseFor } from '../db/database';
import { keepMail } from '../mailbox/intake';
import { editionStoreFor } from '../activities/edition-store';
import { startMailCatcher } from '../runtime/mail-catcher';

try {
  const config = loadConfig(process.env);
  const port = Number(new URL(config.smtpUrl).port || 25);
  const folder = join(config.dataDir, 'mailbox');
  // E-mail to the purchasing address goes into the database, where the workers' filers place it on its track.
  const database = databaseFor(config, { log: (line) => process.stderr.write(`mail-catcher: ${line}\n`) });
  // The configured purchasing address, and the one each edition publishes ("Vragen over zorginkoop: ...").
  const published = editionStoreFor(config).list().flatMap((e) => (e.contact ? [e.contact.email.toLowerCase()] : []));
  const addresses = [...new Set([config.purchasingAddress, ...published])];
  const purchasing = { addresses, keep: (raw: Buffer, at: Date) => keepMail(database, raw, 'smtp', at) };
  startMailCatcher({ port, folder, purchasing, onMail: (m) => process.stdout.write(`mail-catcher: to ${m.to.join(', ')}: ${m.subject}\n`) })
    .then(() => process.stdout.write(`mail-catcher: smtp://127.0.0.1:${port}, e-mails kept in ${folder}; e-mail to ${addresses.join(', ')} goes to the purchasing mailbox (${database.where})\n`))
    .catch((err: Error) => {
      process.stderr.write(`mail-catcher: ${err.message}\n`);
      process.exit(1);
    });
} catch (err) {
  process.stderr.write(`mail-catcher: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(2);
}
