import datetime as dt

from jachete import fmt

NBSP = "\u00a0"


def test_date_fr_long_form():
    assert fmt.date_fr(dt.date(2026, 11, 27)) == "27 novembre 2026"
    assert fmt.date_fr(dt.date(2027, 2, 3)) == "3 février 2027"


def test_date_fr_first_of_month_is_ordinal():
    assert fmt.date_fr(dt.date(2026, 1, 1)) == "1er janvier 2026"


def test_date_fr_none_is_empty():
    assert fmt.date_fr(None) == ""


def test_money_groups_with_no_break_space_and_drops_whole_cents():
    assert fmt.money(121200) == f"121{NBSP}200{NBSP}$"
    assert fmt.money(184500.0) == f"184{NBSP}500{NBSP}$"
    assert fmt.money(0) == f"0{NBSP}$"


def test_money_keeps_cents_when_there_are_some():
    assert fmt.money(1234.5) == f"1{NBSP}234,50{NBSP}$"


def test_number_and_plural():
    assert fmt.number(11360) == f"11{NBSP}360"
    assert fmt.number(2.5) == "2,5"
    assert fmt.plural(0, "entreprise") == f"0{NBSP}entreprise"
    assert fmt.plural(1, "entreprise") == f"1{NBSP}entreprise"
    assert fmt.plural(2, "entreprise") == f"2{NBSP}entreprises"
    assert fmt.plural(3, "MRC", "MRC") == f"3{NBSP}MRC"


def test_numbers_beyond_28_digits_are_printed_in_full():
    # babel rounds in a 28-digit decimal context: these raised decimal.InvalidOperation.
    assert fmt.number(10**25) == NBSP.join(["10"] + ["000"] * 8)
    assert fmt.money(10**400).endswith(f"000{NBSP}$") and fmt.money(10**400).count(NBSP) == 134
    assert fmt.money(1.7e308).startswith(f"170{NBSP}000{NBSP}")
    assert fmt.number(1.7e308).startswith(f"170{NBSP}000{NBSP}")


def test_floats_read_by_their_shortest_form():
    # Not the binary value's digits (10 000 000 000 000 000 905 969 664).
    assert fmt.number(1.0e25) == NBSP.join(["10"] + ["000"] * 8)
    assert fmt.money(1.0e25) == NBSP.join(["10"] + ["000"] * 8) + f"{NBSP}$"
    assert fmt.number(0.1 + 0.2) == "0,3"
    assert fmt.money(99999999999.99) == f"99{NBSP}999{NBSP}999{NBSP}999,99{NBSP}$"


def test_no_number_to_show_gives_empty_text():
    for value in (None, float("nan"), float("inf"), float("-inf")):
        assert fmt.number(value) == "" and fmt.money(value) == ""
