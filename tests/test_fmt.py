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
