"""The database itself refuses to change or delete audit and access events.

The application already refuses (AppendOnlyModel), but a bulk `QuerySet.update()` or
`.delete()`, a raw SQL statement or a database session opened by hand would get past it.
These triggers stop them on PostgreSQL and on SQLite:

- UPDATE of an audit_auditevent or audit_accessevent row is always refused;
- DELETE (and, on PostgreSQL, TRUNCATE) is refused unless the retention process has switched
  deletion on for its own transaction:
    PostgreSQL: SET LOCAL safetymap.retention = 'on'   (checked with current_setting)
    SQLite:     a row in audit_append_only_unlock, inserted and removed in the same transaction
  Use `safetymap.audit.append_only.audit_deletion_allowed()`, which does the right one.

On SQLite, a later migration that makes Django rebuild one of these tables (most field
changes do) drops its triggers: such a migration must run SQLITE_INSTALL again.
safetymap/audit/tests/test_trigger.py fails if the triggers are missing.
docs/deployment.md explains this for operators.
"""

from django.db import migrations

TABLES = ("audit_auditevent", "audit_accessevent")

POSTGRESQL_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION safetymap_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'TRUNCATE')
           AND coalesce(current_setting('safetymap.retention', true), '') = 'on' THEN
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'SafetyMap audit rows cannot be changed or deleted (% on %)',
            TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Only the retention process deletes audit rows, after SET LOCAL '
                         'safetymap.retention = ''on''.';
    END;
    $$;
    """,
    *[
        statement
        for table in TABLES
        for statement in (
            f"""
            CREATE TRIGGER {table}_append_only
                BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION safetymap_audit_append_only();
            """,
            f"""
            CREATE TRIGGER {table}_no_truncate
                BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION safetymap_audit_append_only();
            """,
        )
    ],
]

POSTGRESQL_UNINSTALL = [
    *[
        statement
        for table in TABLES
        for statement in (
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
        )
    ],
    "DROP FUNCTION IF EXISTS safetymap_audit_append_only();",
]

SQLITE_INSTALL = [
    # Not a Django model: `flush` leaves it alone, and it is empty except inside the
    # retention process's own transaction.
    "CREATE TABLE IF NOT EXISTS audit_append_only_unlock (reason varchar(100) NOT NULL);",
    *[
        statement
        for table in TABLES
        for statement in (
            f"""
            CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN
                SELECT RAISE(ABORT, 'SafetyMap audit rows cannot be changed or deleted (UPDATE on {table})');
            END;
            """,
            f"""
            CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            WHEN NOT EXISTS (SELECT 1 FROM audit_append_only_unlock)
            BEGIN
                SELECT RAISE(ABORT, 'SafetyMap audit rows cannot be changed or deleted (DELETE on {table})');
            END;
            """,
        )
    ],
]

SQLITE_UNINSTALL = [
    *[
        statement
        for table in TABLES
        for statement in (
            f"DROP TRIGGER IF EXISTS {table}_no_update;",
            f"DROP TRIGGER IF EXISTS {table}_no_delete;",
        )
    ],
    "DROP TABLE IF EXISTS audit_append_only_unlock;",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_UNINSTALL),
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
}


def _run(schema_editor, install: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        return  # another database: the application-level guard still applies
    for statement in STATEMENTS[vendor][0 if install else 1]:
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor) -> None:
    _run(schema_editor, install=True)


def uninstall(apps, schema_editor) -> None:
    _run(schema_editor, install=False)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
