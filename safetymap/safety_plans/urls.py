from django.urls import path

from safetymap.safety_plans import views

app_name = "safety_plans"
plans = "cases/<uuid:case_uuid>/safety-plans/"
plan = f"{plans}<uuid:plan_uuid>/"
version = f"{plan}versions/<int:number>/"
line = f"{plan}draft/<slug:part>/<uuid:line_uuid>/"
urlpatterns = [
    path(plans, views.plans, name="plans"),
    path(f"{plans}new/", views.plan_create, name="plan_create"),
    path(plan, views.plan, name="plan"),
    path(f"{plan}compare/", views.compare, name="compare"),
    path(f"{plan}new-version/", views.new_version, name="new_version"),
    # The draft: its own details, and its rules, warning signs and people to call.
    path(f"{plan}draft/", views.draft, name="draft"),
    path(f"{plan}draft/<slug:part>/add/", views.line_add, name="line_add"),
    path(f"{plan}draft/safety-house/", views.safety_house, name="safety_house"),
    path(
        f"{plan}draft/safety-house/<uuid:house_rule_uuid>/",
        views.safety_house_rule_add,
        name="safety_house_rule_add",
    ),
    path(f"{line}edit/", views.line_edit, name="line_edit"),
    path(f"{line}remove/", views.line_remove, name="line_remove"),
    path(f"{line}move/", views.line_move, name="line_move"),
    path(version, views.version, name="version"),
    path(f"{version}agree/", views.agree, name="agree"),
    path(f"{version}testing/", views.start_testing, name="start_testing"),
    path(f"{version}checks/add/", views.check_add, name="check_add"),
    path(f"{version}complete/", views.complete, name="complete"),
    path(f"{version}child-version/", views.child_version, name="child_version"),
]
