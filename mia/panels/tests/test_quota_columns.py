"""The quota file: every column is read or named in a warning; the population share under its Dutch names."""

from __future__ import annotations

import pytest

from mia.panels.selection.pool import read_quotas


@pytest.mark.parametrize("name", ["aandeel", "Aandeel", "population", "bevolking", "percentage"])
def test_the_population_column_is_read_under_the_names_the_help_allows(name):
    quotas = read_quotas(f"kenmerk;waarde;min;max;{name}\nleeftijd;jong;1;2;20%\nleeftijd;oud;1;2;0,8\n".encode(), name="q.csv")
    shares = [q.population_share for q in quotas.items]
    assert shares == pytest.approx([0.2, 0.8])
    assert not any("gebruiken we niet" in w for w in quotas.warnings)


def test_unknown_columns_are_named_in_a_warning_not_silently_dropped():
    quotas = read_quotas(b"feature,value,min,max,opmerking,bron\nleeftijd,jong,1,2,let op,CBS\n", name="q.csv")
    warning = next(w for w in quotas.warnings if "gebruiken we niet" in w)
    assert "'opmerking'" in warning and "'bron'" in warning
    assert "'min'" not in warning and "'feature'" not in warning


def test_example_files_are_offered_and_can_be_read(owner_client):
    from django.urls import reverse

    from mia.panels.selection.pool import read_pool

    quotas = owner_client.get(reverse("panels:example", args=["aantallen"]))
    assert quotas.status_code == 200 and quotas["Content-Disposition"].startswith("attachment")
    parsed = read_quotas(b"".join(quotas.streaming_content), name="voorbeeld-aantallen.csv")
    assert len(parsed.items) == 6 and parsed.items[0].population_share == pytest.approx(0.22)
    assert not parsed.warnings
    people = owner_client.get(reverse("panels:example", args=["vrijwilligers"]))
    assert people.status_code == 200
    pool = read_pool(b"".join(people.streaming_content), parsed, name="voorbeeld-vrijwilligers.csv")
    assert len(pool.people) == 10 and "email" in pool.contact_columns
    assert owner_client.get(reverse("panels:example", args=["geheim"])).status_code == 404
