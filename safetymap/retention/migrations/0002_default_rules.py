"""The default retention schedule. Common practice in English councils; check your own
schedule. Every number can be changed by a council administrator (Retention > Schedule)."""

from django.db import migrations

SOURCE = "Default from common practice in English councils; check your own schedule."

DEFAULT_RULES = [
    (
        "looked_after",
        "birth",
        75,
        "Records of a child who was ever looked after are kept until their 75th birthday "
        "(or 15 years after their death, if they die before they are 18 — record that as a "
        "legal hold and lift it when the 15 years are up). " + SOURCE,
    ),
    (
        "care_leaver",
        "birth",
        75,
        "Care leavers were looked after, so their records are kept until their 75th "
        "birthday, like a looked-after child's. " + SOURCE,
    ),
    (
        "child_protection",
        "closure",
        35,
        "Records of a child who was ever the subject of a child protection plan are kept "
        "35 years after the case closed. " + SOURCE,
    ),
    (
        "child_in_need",
        "eighteenth_birthday",
        25,
        "Child in need records are kept 25 years after the child's 18th birthday. " + SOURCE,
    ),
    (
        "early_help",
        "closure",
        6,
        "Early help records are kept 6 years after the case closed. " + SOURCE,
    ),
    (
        "contact_no_further_action",
        "closure",
        6,
        "Contacts and referrals that led to no further action are kept 6 years after they "
        "were closed. SafetyMap does not record contacts yet: this rule is here for when it "
        "does. " + SOURCE,
    ),
    (
        "audit_and_access_events",
        "event",
        7,
        "Records of who changed or viewed something are kept 7 years after the event, and "
        "never while the record they are about still exists. A case's change history is "
        "destroyed with the case (it holds the case's details); the record of who viewed it "
        "is kept for the 7 years. " + SOURCE,
    ),
]


def load_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, trigger, years, description in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            record_type=record_type,
            defaults={"trigger": trigger, "years": years, "description": description},
        )


def remove_unchanged_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    RetentionRule.objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, remove_unchanged_defaults)]
