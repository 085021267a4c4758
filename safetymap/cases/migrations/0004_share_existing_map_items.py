"""Existing shares keep what they opened before per-item sharing.

Until now a share (scope "map") opened the case overview and the whole map, scales
included, to the partner professional. So that nobody loses access silently, every current
share is given a shared item for each item now on the map (map items, danger statements,
safety goals, next steps) and one for the scales, recorded as shared by whoever made the
share, each with an audit event. Documents were never shared, so none are shared here.
Workers can then narrow what each partner sees on "Choose what to share".
"""

from django.db import migrations

KINDS = (
    ("map_item", "MapItem"),
    ("danger_statement", "DangerStatement"),
    ("safety_goal", "SafetyGoal"),
    ("next_step", "NextStep"),
)


def share_current_map(apps, schema_editor):
    CaseShare = apps.get_model("cases", "CaseShare")
    SharedItem = apps.get_model("cases", "SharedItem")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    shares = CaseShare.objects.filter(ended_at__isnull=True, scope="map").select_related("case")
    for share in shares:
        wanted = [("scales", share.case.uuid)]
        for kind, model_name in KINDS:
            model = apps.get_model("mapping", model_name)
            rows = model.objects.filter(case=share.case, removed_at__isnull=True)
            wanted += [(kind, row_uuid) for row_uuid in rows.values_list("uuid", flat=True)]
        for kind, object_uuid in wanted:
            item = SharedItem.objects.create(
                share=share, kind=kind, object_uuid=object_uuid, shared_by_id=share.shared_by_id
            )
            AuditEvent.objects.create(
                actor=None,
                action="create",
                object_type="cases.shareditem",
                object_uuid=item.uuid,
                case_uuid=share.case.uuid,
                summary="Kept shared when sharing became item by item (it was on the shared map)",
                changes={
                    "kind": {"old": None, "new": kind},
                    "object_uuid": {"old": None, "new": str(object_uuid)},
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_shared_items"),
        ("mapping", "0001_initial"),
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [migrations.RunPython(share_current_map, migrations.RunPython.noop)]
