"""Email each notification that has become due and has not been emailed yet, once.

    python manage.py send_due_notification_emails

Run it every few minutes from cron (see docs/deployment.md). It does nothing unless
SAFETYMAP_NOTIFICATION_EMAILS is on. Reminders are scheduled for later (`show_from`), so
this job, not the request that scheduled them, sends them when their time comes.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safetymap.notifications.emails import emails_enabled, notification_emails_send


class Command(BaseCommand):
    help = "Email each due notification not emailed yet (when notification emails are on)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not emails_enabled():
            self.stdout.write("Notification emails are off (SAFETYMAP_NOTIFICATION_EMAILS).")
            return
        sent = notification_emails_send()
        self.stdout.write(f"Emailed {sent} notification{'s' if sent != 1 else ''}.")
