from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "safetymap.documents"
    label = "documents"
