"""The seed's bodies, flows, mandates, experts, areas and practice circles are in the templates.

Expected strings are copied from the seeds (maatschappelijke-dialoog-jeugd.txt "HOE Governance";
werkprogramma-mit.txt §4–5), so this runs without the seed folder."""

from mia.advice.content import content, mandates, template


def test_the_youth_dialogue_has_its_five_bodies():
    names = [b["name"] for b in template("jeugddialoog")["bodies"]]
    assert names == ["Maatschappelijk Impact Team", "Opgroeiberaad", "Veldraad", "Kennis en wetenschappelijke instituten",
                     "Interdepartementaal platform"]
    ob = next(b for b in template("jeugddialoog")["bodies"] if b["key"] == "opgroeiberaad")
    assert "Indicatie 3-4 bijeenkomsten per jaar" in ob["meeting_rhythm"]
    assert ob["mandate_options"] == ["klankbordgroep", "adviesraad", "burgerberaad"]
    pl = next(b for b in template("jeugddialoog")["bodies"] if b["key"] == "platform")
    assert pl["mandate_options"] == ["werkgroep", "stuurgroep", "doorbraakcoalitie"]
    assert "(VWS, OCW, BiZa, EZ, SZW, ..)" in pl["description"]


def test_the_flow_matrix_of_the_seed():
    flows = {(f["from"], f["to"]): f for f in template("jeugddialoog")["flows"]}
    assert "Bindende Initiatieven, voorstellen en keuze uit voorstellen van het impact team" in flows[("opgroeiberaad", "impactteam")]["text"]
    assert flows[("opgroeiberaad", "impactteam")]["kinds"] == ["bindend-voorstel"]
    assert "toets op voorstellen voor te  initiëren thema aanpakken" in flows[("veldraad", "impactteam")]["text"]
    assert "Feedback over resultaten, signalen en voorstellen/adviezen" == flows[("platform", "impactteam")]["text"]
    assert "Adviesvragen ten aanzien van mogelijke beleidsacties" == flows[("platform", "opgroeiberaad")]["text"]
    assert "Uitwisseling ervaringen, ideeen en suggesties" == flows[("opgroeiberaad", "veldraad")]["text"]
    assert "Voorstellen voor thema's en of doelgroepen ter toetsing" in flows[("impactteam", "veldraad")]["text"]
    assert "Resultaten van en signalen uit de dialoog" in flows[("impactteam", "platform")]["text"]
    # "Veldraad ↔ platform: geen"
    assert ("veldraad", "platform") not in flows and ("platform", "veldraad") not in flows
    assert template("jeugddialoog")["no_flows"][0]["between"] == ["veldraad", "platform"]
    assert "Interactie tussen veldraad en interdepartementaal platform wordt hier niet benoemd" in template("jeugddialoog")["flow_note"]


def test_mandates_and_their_consequences():
    m = mandates()
    assert "verplichting bij het platform een weloverwogen reactie te geven" in m["adviesraad"]["consequence"]
    assert m["adviesraad"]["requires_response"] and not m["adviesraad"]["binding"]
    assert "verplichting om keuzes van het beraad ook daadwerkelijk om te zetten in beleid" in m["burgerberaad"]["consequence"]
    assert m["burgerberaad"]["binding"]
    assert "volledig bij het platform" in m["klankbordgroep"]["consequence"] and not m["klankbordgroep"]["requires_response"]
    assert "nemen de leden die vervolgens mee naar de eigen departementen" in m["werkgroep"]["consequence"]
    assert "(bindende) adviezen" in m["stuurgroep"]["consequence"] and m["stuurgroep"]["binding"]
    assert "zelf beleid te formuleren en te initiëren" in m["doorbraakcoalitie"]["consequence"]


def test_the_impact_team_with_its_secretariat_and_subcommittees():
    t = template("impactteam")
    assert [s["role"] for s in t["secretariat"]] == ["secretaris", "adviseur", "adviseur", "adviseur", "managementondersteuning", "communicatie"]
    assert [s["subject"] for s in t["subcommittees"]] == [
        "ontwikkeling factsheets maatregelen", "ontwikkeling dashboard maatschappelijke indicatoren",
        "ontwikkeling afwegingskader maatschappelijke impact"]
    assert "zo mogelijk in de voltallige bezetting en bij voorkeur unaniem na beraadslaging" in t["decision"]
    assert "Het MIT vergadert 1x per maand op reguliere basis" in t["bodies"][0]["meeting_rhythm"]


def test_experts_areas_and_practice_circles():
    data = content()
    assert [e["short"] for e in data["fixed_experts"]] == ["SCP", "CPB", "PBL", "SER", "Gedragsunit RIVM"]
    assert data["expert_areas"] == ["openbare orde en veiligheid", "(mensen)rechten", "publieke gezondheid en leefstijl",
                                    "geestelijke gezondheid", "zorg", "onderwijs", "innovatie en ondernemerschap", "sport",
                                    "cultuur", "media", "internationaal"]
    fixed = [c["name"] for c in data["practice_circles"] if not c["possible"]]
    possible = [c["name"] for c in data["practice_circles"] if c["possible"]]
    assert fixed == ["ondernemers en werkgevers", "zzp'ers en werknemers", "jongeren", "mensen met een beperking of chronische ziekte",
                     "mensen met psychische klachten", "mensen met een kwetsbare sociaaleconomische positie", "achterstandswijken/gemeenten"]
    assert possible == ["ouderen", "mensen in instellingen", "mantelzorgers", "zorgprofessionals"]


def test_the_evaluation_template():
    e = content()["evaluation"]
    assert [a["key"] for a in e["aspects"]] == ["reikwijdte", "doelen", "werkwijze", "bemensing", "inbedding", "effectiviteit"]
    assert "reikwijdte, doelen en werkwijze als bemensing, inbedding en effectiviteit" in e["text"]
    assert e["stakeholders"][2:] == ["politiek", "ambtelijk", "experts", "praktijkkringen", "sectoren", "adviesraden"]


def test_a_structure_from_a_template_copies_everything(youth, mit):
    assert youth.bodies.count() == 5 and youth.flow_rules.count() == 17
    vr, pl = youth.bodies.get(key="veldraad"), youth.bodies.get(key="platform")
    assert not youth.flow_rules.filter(sender__in=[vr, pl], receiver__in=[vr, pl]).exists()
    assert mit.experts.filter(kind="vast").count() == 5
    assert mit.circles.count() == 11
    assert mit.bodies.get(key="mit").members.filter(role="adviseur").count() == 3
    assert mit.bodies.get(key="mit").subcommittees.count() == 3
