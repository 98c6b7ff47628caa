/**
 * `npm run mail-catcher` (npm start runs it): the local SMTP catcher (runtime/mail-catcher.ts) on
 * the configured SMTP port, keeping every e-mail in `<ZORGINKOOP_DATA_DIR>/mailbox/`.
 */
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { startMailCatcher } from '../runtime/mail-catcher';

try {
  const config = loadConfig(process.env);
  const port = Number(new URL(config.smtpUrl).port || 25);
  const folder = join(config.dataDir, 'mailbox');
  startMailCatcher({ port, folder, onMail: (m) => process.stdout.write(`mail-catcher: to ${m.to.join(', ')}: ${m.subject}\n`) })
    .then(() => process.stdout.write(`mail-catcher: smtp://127.0.0.1:${port}, e-mails kept in ${folder}\n`))
    .catch((err: Error) => {
      process.stderr.write(`mail-catcher: ${err.message}\n`);
      process.exit(1);
    });
} catch (err) {
  process.stderr.write(`mail-catcher: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(2);
}
