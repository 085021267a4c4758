from decimal import Decimal

from safetymap.evaluation.sparkline import HEIGHT, PAD, WIDTH, sparkline


def test_no_line_for_fewer_than_two_scales():
    assert sparkline([]) is None
    assert sparkline([Decimal(4)]) is None


def test_the_line_runs_across_the_box_with_10_at_the_top_and_0_at_the_bottom():
    line = sparkline([Decimal(0), Decimal("5.5"), Decimal(10)])
    assert line is not None
    first, middle, last = (point.split(",") for point in line.points.split())
    assert (float(first[0]), float(first[1])) == (PAD, HEIGHT - PAD)
    assert float(middle[0]) == WIDTH / 2
    assert (float(last[0]), float(last[1])) == (WIDTH - PAD, PAD)
    assert (line.last_x, line.last_y) == (WIDTH - PAD, PAD)
    assert line.label == "Overall scale at the last 3 ratings, oldest first: 0, 5.5, 10"
