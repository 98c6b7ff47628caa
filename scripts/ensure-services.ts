/**
 * Pre-step of `npm run test:services`: says plainly what is missing, and how to install it,
 * instead of letting a test fail deep inside a browser or database start.
 */
import { findChromium, findPostgresBin } from '../runtime/services';

const missing: string[] = [];
if (!findChromium()) missing.push('Chromium (Debian package `chromium`, or set CHROMIUM_PATH)');
if (!process.env.ZORGINKOOP_TEST_DATABASE_URL && !findPostgresBin()) {
  missing.push('PostgreSQL server binaries (Debian package `postgresql`, or set POSTGRES_BIN_DIR or ZORGINKOOP_TEST_DATABASE_URL)');
}
if (missing.length > 0) {
  process.stderr.write(
    `npm run test:services needs:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
      'On Debian: sudo apt-get install -y chromium postgresql\n',
  );
  process.exit(1);
}
