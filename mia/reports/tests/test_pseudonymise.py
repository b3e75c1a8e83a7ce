from mia.reports.pseudonymise import EMAIL_LABEL, PHONE_LABEL, Person, pseudonymise

PEOPLE = [
    Person("Deelnemer 1 (praktijk)", names=["Jan de Vries", "Jantje"], contacts=["jan@example.org"]),
    Person("Deelnemer 2 (wetenschap)", names=["Fatima el Amrani"], contacts=["06-12345678"]),
    Person("Deelnemer 3", names=["Jan Bakker"]),
]


def test_it_replaces_full_names_screen_names_and_unique_name_parts():
    text = ("Jan de Vries: ik ben het eens met Fatima.\nJANTJE zei het al. Mevrouw El Amrani knikt.\n"
            "De Vries vindt de bus te duur. Bakker niet.")
    result, count = pseudonymise(text, PEOPLE)
    assert "Deelnemer 1 (praktijk): ik ben het eens met Deelnemer 2 (wetenschap)." in result
    assert "Deelnemer 1 (praktijk) zei het al. Mevrouw Deelnemer 2 (wetenschap) knikt." in result
    assert "Deelnemer 1 (praktijk) vindt de bus te duur. Deelnemer 3 niet." in result
    for name in ("Jan", "Vries", "Fatima", "Amrani", "Bakker", "Jantje"):
        assert name not in result
    assert count == 6


def test_a_shared_first_name_is_not_given_to_either_person():
    # Two people called Jan: "Jan" alone could be either, so it is not replaced by one of them.
    result, _count = pseudonymise("Jan zegt iets.", PEOPLE)
    assert result == "Jan zegt iets."


def test_only_whole_words_and_no_particles():
    result, count = pseudonymise("Janssen en de buurman van Fatimaatje gingen naar de markt.", PEOPLE)
    assert result == "Janssen en de buurman van Fatimaatje gingen naar de markt."
    assert count == 0


def test_it_removes_contact_data_known_or_not():
    text = "Mail jan@example.org of info@buurthuis.nl, bel 06-12345678 of +31 6 9876 5432 of 010-1234567."
    result, count = pseudonymise(text, PEOPLE)
    assert "jan@example.org" not in result and "info@buurthuis.nl" not in result
    assert "Deelnemer 1 (praktijk)" in result and EMAIL_LABEL in result
    assert "12345678" not in result and "9876" not in result and "1234567" not in result
    assert result.count(PHONE_LABEL) == 2
    assert count == 5


def test_years_amounts_and_times_stay():
    text = "In 2026 kost het € 420.000 per jaar; om 19:00 begint het, 15 minuten per vraag."
    assert pseudonymise(text, PEOPLE) == (text, 0)


def test_regex_characters_in_names_are_literal():
    people = [Person("Deelnemer 9", names=["A.B. (Bob) *Smit*"])]
    result, count = pseudonymise("A.B. (Bob) *Smit* en Bob.", people)
    assert result.startswith("Deelnemer 9 en")
    assert count >= 1


def test_no_people_no_change_except_contact_data():
    assert pseudonymise("Niemand hier.", []) == ("Niemand hier.", 0)
