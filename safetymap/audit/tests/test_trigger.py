"""The database refuses to change or delete audit rows, whatever the application does
(migration audit/0002). These run on SQLite and, under scripts/with-postgres, PostgreSQL."""

import uuid

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from safetymap.audit.append_only import NotInTransactionError, audit_deletion_allowed
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.audit.services import access_record, audit_record
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

TABLES = ("audit_auditevent", "audit_accessevent")


@pytest.fixture
def events():
    case = CaseFactory()
    audit = audit_record(actor=None, action="create", target=case, changes={}, case_uuid=case.uuid)
    access = access_record(
        actor=UserFactory(), case_uuid=case.uuid, what="Overview", basis="team member"
    )
    return audit, access


def _refused(sql: str) -> str:
    """Run sql in a savepoint and return the database's refusal message (an IntegrityError
    on both databases: SQLite's RAISE(ABORT), PostgreSQL's restrict_violation)."""
    with pytest.raises(IntegrityError) as refused, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql)
    return str(refused.value)


@pytest.mark.parametrize("table", TABLES)
def test_raw_sql_update_is_refused(events, table):
    message = _refused(f"UPDATE {table} SET occurred_at = occurred_at")
    assert "cannot be changed or deleted" in message


@pytest.mark.parametrize("table", TABLES)
def test_raw_sql_delete_is_refused(events, table):
    message = _refused(f"DELETE FROM {table}")
    assert "cannot be changed or deleted" in message
    assert AuditEvent.objects.count() == 1
    assert AccessEvent.objects.count() == 1


def test_bulk_orm_update_and_delete_are_refused(events):
    """QuerySet.update() and .delete() skip AppendOnlyModel's checks; the database does not."""
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.all().update(summary="tampered")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessEvent.objects.filter(what="Overview").update(basis="allocated worker")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessEvent.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(action="create")._raw_delete(AuditEvent.objects.db)
    assert AuditEvent.objects.get().summary == ""
    assert AccessEvent.objects.get().basis == "team member"


def _check_foreign_keys_now():
    """PostgreSQL will not TRUNCATE a table with foreign key checks still pending from rows
    inserted earlier in the same transaction (the test's own): run those checks first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("table", TABLES)
def test_truncate_is_refused_on_postgresql(events, table):
    _check_foreign_keys_now()
    assert "cannot be changed or deleted" in _refused(f"TRUNCATE {table} CASCADE")


def test_new_rows_are_still_written(events):
    access_record(actor=UserFactory(), case_uuid=uuid.uuid4(), what="Map", basis="manager")
    assert AccessEvent.objects.count() == 2


def test_retention_may_delete_inside_its_own_transaction(events):
    audit, access = events
    with transaction.atomic(), audit_deletion_allowed(reason="retention test"):
        AuditEvent.objects.filter(pk=audit.pk)._raw_delete(AuditEvent.objects.db)
        AccessEvent.objects.filter(pk=access.pk)._raw_delete(AccessEvent.objects.db)
    assert not AuditEvent.objects.exists()
    assert not AccessEvent.objects.exists()


def test_permission_ends_with_the_block_and_never_covers_updates(events):
    with transaction.atomic():
        with (
            audit_deletion_allowed(reason="retention test"),
            pytest.raises(IntegrityError),
            transaction.atomic(),
        ):
            AuditEvent.objects.all().update(summary="tampered")
        # Still in the same transaction, but the permission is gone.
        with pytest.raises(IntegrityError), transaction.atomic():
            AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    assert AuditEvent.objects.get().summary == ""


@pytest.mark.django_db(transaction=True)
def test_permission_needs_a_transaction(events):
    """Outside a transaction the permission could outlive the work; it is refused. (This test
    runs without the test's wrapping transaction, so its clean-up is a real `flush` of a
    database holding audit rows: the way every browser test ends.)"""
    with pytest.raises(NotInTransactionError), audit_deletion_allowed(reason="no transaction"):
        pass  # pragma: no cover


def test_flush_still_empties_the_database(events):
    """`manage.py flush` (make demo, the browser tests' clean-up) takes the same permission."""
    _check_foreign_keys_now()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert not AccessEvent.objects.exists()
    # The guard is back on afterwards.
    access_record(actor=UserFactory(), case_uuid=uuid.uuid4(), what="Map", basis="manager")
    assert "cannot be changed or deleted" in _refused("DELETE FROM audit_accessevent")


def test_triggers_are_installed():
    """A later migration that rebuilds an audit table on SQLite drops its triggers: this
    names what must exist so such a migration is caught."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgrelid::regclass::text = ANY(%s)",
                [list(TABLES)],
            )
            expected = {f"{t}_{kind}" for t in TABLES for kind in ("append_only", "no_truncate")}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {f"{t}_{kind}" for t in TABLES for kind in ("no_update", "no_delete")}
        names = {row[0] for row in cursor.fetchall()}
    assert expected <= names
