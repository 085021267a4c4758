"""The scale chart: where dates and scores land, one line per person, and a sentence that
says what the chart shows. No database needed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from safetymap.mapping import charts
from safetymap.mapping.labels import DEFAULT_LABELS
from safetymap.mapping.picture import build_picture

D = datetime.date


def rating(name, role, day, score, reason="Because", **extra):
    return {
        "uuid": f"{name}-{day}",
        "rater_name": name,
        "rater_role": role,
        "rater_role_label": charts.ROLE_LABELS[role],
        "rated_on": day,
        "score": Decimal(str(score)),
        "reason": reason,
        "one_point_higher": "",
        **extra,
    }


def contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_scores_go_up_the_chart_zero_at_the_bottom_ten_at_the_top():
    assert charts.scale_y(0, top=40, bottom=340) == 340
    assert charts.scale_y(10, top=40, bottom=340) == 40
    assert charts.scale_y(5, top=40, bottom=340) == 190
    assert charts.scale_y(Decimal("2.5"), top=40, bottom=340) == 265


def test_dates_go_left_to_right_in_proportion():
    start, end = D(2026, 3, 1), D(2026, 3, 11)
    assert charts.scale_x(start, start=start, end=end, left=100, right=600) == 100
    assert charts.scale_x(end, start=start, end=end, left=100, right=600) == 600
    assert charts.scale_x(D(2026, 3, 6), start=start, end=end, left=100, right=600) == 350


def test_a_single_date_sits_in_the_middle():
    day = D(2026, 3, 1)
    assert charts.scale_x(day, start=day, end=day, left=100, right=600) == 350


def test_points_in_the_chart_match_date_and_score():
    chart = charts.build_scale_chart(
        [
            rating("Sam Okafor", "worker", D(2026, 3, 3), 0),
            rating("Sam Okafor", "worker", D(2026, 11, 20), 10),
        ],
        key="overall",
        subject="Overall safety scale",
    )
    assert chart is not None
    low, high = chart.series[0].points
    assert low.y == chart.bottom and high.y == chart.top
    assert low.x < high.x
    assert chart.left < low.x and high.x < chart.right  # kept clear of the axes
    assert [tick.score for tick in chart.y_ticks] == list(range(11))
    anchors = [tick for tick in chart.y_ticks if tick.is_anchor]
    assert [(t.score, t.y) for t in anchors] == [(0, chart.bottom), (10, chart.top)]


def test_one_series_per_person_each_looking_different():
    ratings = [
        rating("Sam Okafor", "worker", D(2026, 3, 3), 3),
        rating("Mum", "parent", D(2026, 3, 3), 6),
        rating("Sam Okafor", "worker", D(2026, 4, 1), 4),
        rating("Grandma", "network", D(2026, 4, 1), 5),
        rating("Mum", "parent", D(2026, 5, 2), 7),
    ]
    chart = charts.build_scale_chart(ratings, key="overall", subject="Overall safety scale")
    assert chart is not None
    by_name = {line.name: line for line in chart.series}
    assert set(by_name) == {"Sam Okafor", "Mum", "Grandma"}
    assert [p.rating["score"] for p in by_name["Mum"].points] == [6, 7]
    assert by_name["Mum"].label == "Mum (Parent or carer)"
    # Workers first, then parents, then network, as the roles are listed.
    assert [line.name for line in chart.series] == ["Sam Okafor", "Mum", "Grandma"]
    looks = {(line.colour, line.shape, line.dash) for line in chart.series}
    assert len({look[0] for look in looks}) == 3
    assert len({look[1] for look in looks}) == 3  # colour is not the only cue
    assert by_name["Mum"].line.startswith("M") and "L" in by_name["Mum"].line
    assert by_name["Grandma"].line == ""  # one rating: a marker, no line
    assert len(chart.rows) == 5
    assert [row[0]["rated_on"] for row in chart.rows] == sorted(r["rated_on"] for r in ratings)
    assert "Mum (Parent or carer), 2 May 2026: 7. Because" in [
        p.tooltip for p in by_name["Mum"].points
    ]


def test_many_people_keep_distinct_colour_shape_and_dash_combinations():
    ratings = [rating(f"Person {n}", "professional", D(2026, 1, 1), n % 11) for n in range(40)]
    chart = charts.build_scale_chart(ratings, key="overall", subject="Overall")
    assert chart is not None
    combos = {(line.colour, line.shape, line.dash) for line in chart.series}
    assert len(combos) == 40


def test_palette_colours_stand_out_from_white():
    for colour in charts.PALETTE:
        assert contrast_with_white(colour) >= 3, colour


def test_single_rating_does_not_crash_and_is_described():
    chart = charts.build_scale_chart(
        [rating("Sam Okafor", "worker", D(2026, 3, 3), 4)],
        key="overall",
        subject="Overall safety scale",
        anchor_0="Things are so bad the child cannot live at home.",
        anchor_10="Everyone agrees the child is safe enough.",
    )
    assert chart is not None
    assert len(chart.x_ticks) == 1 and chart.x_ticks[0].label == "3 Mar 2026"
    assert chart.desc == "Overall safety scale, 1 rating from 1 person on 3 March 2026; latest 4."
    assert chart.anchor_0.startswith("0: Things are so bad")
    assert chart.anchor_10.startswith("10: Everyone agrees")


def test_summary_gives_count_people_dates_and_latest_range():
    ratings = [
        rating("Sam Okafor", "worker", D(2026, 3, 3), 2),
        rating("Mum", "parent", D(2026, 6, 1), 8),
        rating("Sam Okafor", "worker", D(2026, 11, 20), 3),
        rating("Dad", "parent", D(2026, 11, 20), Decimal("7.5")),
    ]
    assert (
        charts.summarise("Overall safety scale", ratings)
        == "Overall safety scale, 4 ratings from 3 people between 3 March and 20 November 2026; "
        "latest from 3 to 8."
    )
    across_years = [
        rating("Sam", "worker", D(2025, 12, 1), 5),
        rating("Sam", "worker", D(2026, 1, 5), 5),
    ]
    assert "between 1 December 2025 and 5 January 2026; latest 5." in charts.summarise(
        "X", across_years
    )


def test_no_ratings_means_no_chart():
    assert charts.build_scale_chart([], key="overall", subject="Overall") is None


def test_x_ticks_cover_the_range_without_repeating():
    chart = charts.build_scale_chart(
        [rating("Sam", "worker", D(2026, 3, 1), 1), rating("Sam", "worker", D(2026, 3, 3), 2)],
        key="k",
        subject="S",
    )
    assert chart is not None
    assert [t.label for t in chart.x_ticks] == ["1 Mar 2026", "2 Mar 2026", "3 Mar 2026"]
    assert chart.x_ticks[0].x < chart.x_ticks[1].x < chart.x_ticks[2].x


@pytest.mark.parametrize("shape", charts.MARKERS)
def test_every_marker_is_a_closed_path(shape):
    path = charts.marker_path(shape, 100, 100)
    assert path.startswith("M") and path.endswith("Z")


def test_score_text_drops_a_trailing_zero():
    assert charts.score_text(Decimal("4.0")) == "4"
    assert charts.score_text(Decimal("4.5")) == "4.5"
    assert charts.score_text(Decimal("10.0")) == "10"
    assert charts.score_text(0) == "0"


def snapshot_rating(uuid, statement, day, name, role, score):
    return {
        "uuid": uuid,
        "version": 1,
        "danger_statement": statement,
        "rated_on": day,
        "rater_name": name,
        "rater_role": role,
        "score": score,
        "reason": "R",
        "one_point_higher": "",
    }


def test_scale_sections_cover_overall_and_each_statement():
    statement_uuid = "11111111-1111-1111-1111-111111111111"
    snapshot = {
        "service_level": "early_help",
        "items": [],
        "danger_statements": [
            {"uuid": statement_uuid, "version": 1, "statement": "Mum's friends worry that ..."}
        ],
        "goals": [],
        "next_steps": [],
        "ratings": [
            snapshot_rating("a", None, "2026-03-03", "Sam", "worker", "4.0"),
            snapshot_rating("b", statement_uuid, "2026-03-04", "Mum", "parent", "6.0"),
        ],
    }
    picture = build_picture(snapshot, DEFAULT_LABELS["early_help"])
    overall, first = charts.scale_sections(picture)
    assert overall.heading == "Overall wellbeing scale" and overall.chart is not None
    assert [r["rater_name"] for r in overall.ratings] == ["Sam"]
    assert first.heading == "Worry statement 1" and first.statement_uuid == statement_uuid
    assert first.chart is not None and first.chart.key == "statement-1"
    assert first.chart.desc.startswith("Wellbeing scale for worry statement 1, 1 rating")
    assert first.lowest_by[0]["rater_name"] == "Mum" and first.gap == "0"
