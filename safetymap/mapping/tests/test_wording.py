from safetymap.mapping.wording import compose_danger_statement, compose_goal


def test_statement_from_three_parts():
    assert compose_danger_statement(
        who_is_worried="Ms Hughes at school and the social worker",
        adult_behaviour="When Dad drinks he shouts at Mum.",
        feared_for_child="Amy will be hurt",
    ) == (
        "Ms Hughes at school and the social worker are worried that when Dad drinks he shouts "
        "at Mum. If nothing changes, they worry that Amy will be hurt."
    )


def test_statement_with_missing_parts_still_reads():
    assert (
        compose_danger_statement(who_is_worried="", adult_behaviour="", feared_for_child="") == ""
    )
    assert (
        compose_danger_statement(
            who_is_worried="", adult_behaviour="Mum sleeps all afternoon", feared_for_child=""
        )
        == "We are worried that Mum sleeps all afternoon."
    )


def test_goal_from_parts():
    assert compose_goal(
        adults_will="Mum and Dad will keep the house warm",
        child_will_experience="Kian will sleep in a warm bed",
        who_will_see="the health visitor",
        how_long="three months",
    ) == (
        "Mum and Dad will keep the house warm. Kian will sleep in a warm bed. "
        "The health visitor will see this happening for three months."
    )
