"""Characters the source printed that no one can safely guess: kept visible, flagged as warnings."""

from reportsite.ingest.suspicious import problems_in


def test_a_lost_character_is_a_warning_not_an_error():
    found = problems_in("十四五规划和二\ufffd\ufffd三五年远景目标")
    assert len(found) == 2 and all(not is_error and "U+FFFD" in message for message, is_error in found)


def test_a_lone_full_width_letter_is_a_warning_that_names_its_ascii_form():
    [(message, is_error)] = problems_in("被评为全省“4Ａ级电子商务园区”")
    assert not is_error and "'A'" in message


def test_full_width_letters_in_a_run_of_debris_stay_errors():
    assert [is_error for _, is_error in problems_in("发展ＡＢ经济")] == [True, True]
