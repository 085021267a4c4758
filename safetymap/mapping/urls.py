from django.urls import path

from safetymap.mapping.views import labels, map, records, scales, versions

app_name = "mapping"
case = "cases/<uuid:case_uuid>/"
urlpatterns = [
    path(f"{case}map/", map.map_page, name="map"),
    # Wording helpers for the statement and goal forms: they echo back what was typed.
    path("map/compose/statement/", map.compose_statement, name="compose_statement"),
    path("map/compose/goal/", map.compose_goal_view, name="compose_goal"),
    path(f"{case}map/next-steps/<uuid:row_uuid>/done/", map.step_done, name="step_done"),
    # Adding, changing and removing every kind of map record: see records.KINDS.
    path(f"{case}map/<slug:kind>/add/", records.record_add, name="record_add"),
    path(f"{case}map/<slug:kind>/<uuid:row_uuid>/edit/", records.record_edit, name="record_edit"),
    path(
        f"{case}map/<slug:kind>/<uuid:row_uuid>/remove/",
        records.record_remove,
        name="record_remove",
    ),
    path(f"{case}scales/", scales.scales_page, name="scales"),
    path(f"{case}versions/", versions.versions_list, name="versions"),
    path(f"{case}versions/save/", versions.version_save, name="version_save"),
    path(f"{case}versions/compare/", versions.version_compare, name="version_compare"),
    path(f"{case}versions/<int:number>/", versions.version_detail, name="version"),
    path("settings/map-labels/", labels.label_sets_page, name="label_sets"),
    path("settings/map-labels/<slug:service_level>/", labels.label_set_edit, name="label_set_edit"),
]
