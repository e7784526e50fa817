package io.switchboard.storage.postgres;

import java.util.List;

/** The schema of a test database as sorted lines of text: columns, indexes, constraints, sequences. */
final class Catalog {
  private static final String DESCRIBE = """
      SELECT line FROM (
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
               || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'sequence ' || relname FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace
      ) described ORDER BY line COLLATE "C\"""";

  private Catalog() {}

  static List<String> of(PostgresTestDatabase database) {
    return database.column(DESCRIBE);
  }

  /** Everything but Switchboard's own indexes. */
  static List<String> scaleliteOnly(PostgresTestDatabase database) {
    return of(database).stream().filter(line -> !line.contains("switchboard_")).toList();
  }
}
