from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "safetymap.mapping"
    label = "mapping"
