from django.urls import reverse


def test_the_check_answers_while_typing(owner_client):
    url = reverse("analysis:readability")
    hard = "Wij gaan middels deze beleidsinterventie de implementatie van het participatiebeleid faciliteren teneinde de zelfredzaamheid te bevorderen."
    page = owner_client.post(url, {"text": hard, "field": "id_text"}).content.decode()
    assert "Deze tekst is moeilijk" in page and "middels" in page and 'id="id_text_readability"' in page
    easy = owner_client.post(url, {"text": "Wat merkt u van de nieuwe regels? Vertel het ons.", "field": "id_text"}).content.decode()
    assert "Deze tekst is goed te lezen" in easy


def test_the_check_refuses_anonymous_and_huge_input(owner_client):
    from django.test import Client

    url = reverse("analysis:readability")
    assert Client().post(url, {"text": "x"}).status_code == 302
    assert owner_client.post(url, {"text": "a " * 20000}).status_code == 400
    assert owner_client.get(url).status_code == 405


def test_participant_facing_fields_show_the_verdict(owner_client, assessment):
    assessment.invitation_text = "Wij faciliteren middels deze bijeenkomst de participatie."
    assessment.save()
    page = owner_client.get(reverse("assessments:preparation", args=[assessment.pk])).content.decode()
    assert "Taalniveau" in page and "faciliteren" in page
