#!/bin/sh
# First start of the PostgreSQL container: the product's own role and database (its record),
# apart from Temporal's. The product's migrations create its tables when a worker starts.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE zorginkoop LOGIN PASSWORD '${ZORGINKOOP_DB_PASSWORD}';
CREATE DATABASE zorginkoop OWNER zorginkoop;
SQL
