"""Ids from forms and URLs: odd numbers give no rows or a 404, never a database error (issue 11, item 13)."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.http import Http404

from mia.core.lookup import MAX_ID, get_posted, parse_id, parse_ids


def test_parse_id_accepts_only_ascii_whole_numbers_a_column_holds():
    assert parse_id("12") == 12 and parse_id(" 7 ") == 7 and parse_id(str(MAX_ID)) == MAX_ID
    for odd in ("²", "٣", "1" * 30, str(MAX_ID + 1), "-1", "0", "1e3", "", None, "12a", "1.0"):
        assert parse_id(odd) is None, odd
    assert parse_ids(["1", "²", "9" * 30, "3"]) == [1, 3]


@pytest.mark.django_db
def test_in_lookups_and_multiple_choice_fields_with_huge_ids_give_no_rows_not_a_database_error():
    user = get_user_model().objects.create_user("sanne")
    users = get_user_model().objects.all()
    assert list(users.filter(pk__in=[10**30, -(10**30), user.pk])) == [user]
    assert not users.filter(pk__in=[10**30]).exists()
    field = forms.ModelMultipleChoiceField(queryset=users)
    with pytest.raises(forms.ValidationError):
        field.clean(["1" * 30])
    assert list(field.clean([str(user.pk)])) == [user]
    with pytest.raises(Http404):
        get_posted(users, "1" * 30)
    with pytest.raises(Http404):
        get_posted(users, "²")
