"""Reading pools and quotas: both layouts, CSV and XLSX, and hostile or broken files."""

from __future__ import annotations

import pytest

from mia.core import tables
from mia.panels.selection import PanelInputError, read_pool, read_quotas

QUOTAS_CSV = b"feature,value,min,max\ngeslacht,man,1,2\ngeslacht,vrouw,1,2\nleeftijd,jong,1,3\nleeftijd,oud,0,3\n"


def quotas():
    return read_quotas(QUOTAS_CSV, name="quota.csv")


def test_it_reads_the_feature_value_layout():
    result = quotas()
    assert [(q.feature, q.value, q.min, q.max) for q in result.items] == [
        ("geslacht", "man", 1, 2),
        ("geslacht", "vrouw", 1, 2),
        ("leeftijd", "jong", 1, 3),
        ("leeftijd", "oud", 0, 3),
    ]


def test_it_reads_the_older_category_feature_layout():
    result = read_quotas(b"category,feature,min,max\ngender,female,9,20\ngender,male,9,20\n")
    assert [(q.feature, q.value) for q in result.items] == [("gender", "female"), ("gender", "male")]


def test_it_reads_flex_and_population_columns():
    result = read_quotas(b"feature,value,min,max,min_flex,max_flex,population\ng,a,1,2,0,3,48%\ng,b,1,2,0,3,0.52\n")
    assert result.items[0].min_flex == 0 and result.items[0].max_flex == 3
    assert result.items[0].population_share == pytest.approx(0.48)
    assert result.items[1].population_share == pytest.approx(0.52)


def test_it_reports_every_bad_quota_row_in_dutch():
    with pytest.raises(PanelInputError) as caught:
        read_quotas(b"feature,value,min,max\ng,a,3,1\ng,b,x,2\ng,c,1.5,2\n,d,0,1\ng,a,0,1\n")
    message = str(caught.value)
    assert "Rij 2" in message and "groter dan het maximum" in message
    assert "Rij 3, kolom 'min': 'x' is geen geheel getal" in message
    assert "'1.5' is geen geheel getal" in message
    assert "Rij 5: de naam van het kenmerk ontbreekt" in message
    assert "staat ook al in rij 2" not in message  # row 2 was rejected, so row 6 is no duplicate of it
    assert len(caught.value.issues) == 4


def test_it_names_missing_quota_columns():
    with pytest.raises(PanelInputError, match="mist de kolom"):
        read_quotas(b"naam,aantal\nx,1\n")


def test_it_reads_people_and_keeps_contact_data_apart():
    pool = read_pool(b"id,naam,email,geslacht,leeftijd\n1,An,an@x.nl,vrouw,jong\n2,Bo,bo@x.nl,Man,oud\n", quotas())
    assert pool.ids == ["1", "2"]
    assert pool.people[1].features == {"geslacht": "man", "leeftijd": "oud"}  # case-insensitive, quota spelling
    assert pool.people[0].contact == {"naam": "An", "email": "an@x.nl"}
    assert pool.contact_columns == ["naam", "email"]


def test_it_uses_row_numbers_when_there_is_no_id_column():
    pool = read_pool(b"geslacht,leeftijd\nvrouw,jong\nman,oud\n", quotas())
    assert pool.ids == ["2", "3"]
    assert any("rijnummer" in warning for warning in pool.warnings)


def test_it_uses_a_named_id_column_and_fails_clearly_when_absent():
    pool = read_pool(b"nr,geslacht,leeftijd\na7,vrouw,jong\n", quotas(), id_column="NR")
    assert pool.ids == ["a7"]
    with pytest.raises(PanelInputError, match="id-kolom 'code' staat niet"):
        read_pool(b"nr,geslacht,leeftijd\na7,vrouw,jong\n", quotas(), id_column="code")


def test_it_reports_missing_values_unknown_categories_and_duplicates_per_row():
    with pytest.raises(PanelInputError) as caught:
        read_pool(b"id,geslacht,leeftijd\n1,vrouw,\n2,onbekend,jong\n1,man,oud\n,man,oud\n", quotas())
    message = str(caught.value)
    assert "Rij 2: kolom 'leeftijd' is leeg" in message
    assert "Rij 3, kolom 'geslacht': 'onbekend' staat niet in de quota (bekende waarden: man, vrouw)" in message
    assert "Rij 4: id '1' komt ook voor in rij 2" in message
    assert "Rij 5: het id ontbreekt" in message


def test_it_names_feature_columns_missing_from_the_pool():
    with pytest.raises(PanelInputError, match="kolom 'leeftijd' uit de quota ontbreekt"):
        read_pool(b"id,geslacht\n1,man\n", quotas())


def test_it_warns_about_the_same_email_twice():
    pool = read_pool(b"id,email,geslacht,leeftijd\n1,a@x.nl,man,oud\n2,A@x.nl ,vrouw,jong\n", quotas())
    assert any("twee keer" in warning for warning in pool.warnings)


def test_it_reads_semicolon_separated_files_from_dutch_excel():
    pool = read_pool(b"id;geslacht;leeftijd\r\n1;vrouw;jong\r\n", quotas())
    assert pool.people[0].features == {"geslacht": "vrouw", "leeftijd": "jong"}


def test_it_skips_blank_lines():
    pool = read_pool(b"id,geslacht,leeftijd\n\n1,vrouw,jong\n,,\n", quotas())
    assert pool.ids == ["1"]


# --- hostile input ------------------------------------------------------------------------------


def test_an_empty_file_is_refused_with_a_dutch_message():
    with pytest.raises(PanelInputError, match="leeg"):
        read_pool(b"", quotas())
    with pytest.raises(PanelInputError, match="leeg"):
        read_quotas(b"  \n")
    with pytest.raises(PanelInputError, match="geen deelnemers"):
        read_pool(b"id,geslacht,leeftijd\n", quotas())


def test_windows_1252_is_read_with_a_warning():
    data = "id,naam,geslacht,leeftijd\n1,Zoë Çelik,vrouw,jong\n".encode("cp1252")
    pool = read_pool(data, quotas())
    assert pool.people[0].contact["naam"] == "Zoë Çelik"
    assert any("Windows-1252" in warning for warning in pool.warnings)


def test_an_unreadable_encoding_is_refused():
    data = b"id,naam,geslacht,leeftijd\n1,\x81\x8d\x90,vrouw,jong\n"  # undefined in UTF-8 and cp1252
    with pytest.raises(PanelInputError, match="tekencodering"):
        read_pool(data, quotas())


def test_binary_data_is_refused():
    with pytest.raises(PanelInputError, match="geen tekstbestand"):
        read_pool(b"\x00\x01\x02id,geslacht\x00", quotas())


def test_utf8_with_bom_is_read_without_warning():
    pool = read_pool("\ufeffid,geslacht,leeftijd\n1,vrouw,jong\n".encode(), quotas())
    assert pool.ids == ["1"] and pool.warnings == []


def test_script_text_in_a_category_stays_inert_text():
    xss = "<script>alert('x')</script>"
    spec = f"feature,value,min,max\ngroep,{xss},0,1\ngroep,gewoon,0,1\n".encode()
    pool = read_pool(f"id,groep\n1,{xss}\n2,gewoon\n".encode(), read_quotas(spec))
    assert pool.people[0].features["groep"] == xss  # kept verbatim; templates escape it on output


def test_formula_cells_are_neutralised_and_reported():
    data = b'id,naam,geslacht,leeftijd\n1,"=HYPERLINK(""http://evil"",""klik"")",vrouw,jong\n2,@SUM(1),man,oud\n3,+31 6 12345678,man,oud\n'
    pool = read_pool(data, quotas())
    assert pool.people[0].contact["naam"] == '\'=HYPERLINK("http://evil","klik")'
    assert pool.people[1].contact["naam"] == "'@SUM(1)"
    assert pool.people[2].contact["naam"] == "+31 6 12345678"  # a phone number is not a formula
    warning = next(w for w in pool.warnings if "formule" in w)
    assert "rij 2, kolom 'naam'" in warning and "rij 3, kolom 'naam'" in warning


def test_formula_like_feature_values_match_when_both_files_have_them():
    spec = b"feature,value,min,max\ngroep,=1+1,0,1\ngroep,b,0,1\n"
    pool = read_pool(b"id,groep\n1,=1+1\n2,b\n", read_quotas(spec))
    assert pool.people[0].features["groep"] == "'=1+1"


def test_an_oversized_file_is_refused_with_a_row_limit_message():
    rows = b"".join(b"%d,vrouw,jong\n" % i for i in range(tables.MAX_ROWS + 1))
    with pytest.raises(PanelInputError, match="meer dan 100.000 rijen"):
        read_pool(b"id,geslacht,leeftijd\n" + rows, quotas())


def test_a_file_over_the_byte_limit_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_BYTES", 100)
    with pytest.raises(PanelInputError, match="groter dan"):
        read_pool(b"id,geslacht,leeftijd\n" + b"1,vrouw,jong\n" * 20, quotas())


def test_old_excel_files_get_a_clear_message():
    with pytest.raises(PanelInputError, match=r"\.xls"):
        read_pool(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, quotas())


def test_a_broken_xlsx_is_refused():
    with pytest.raises(PanelInputError, match="Excel-bestand kan niet"):
        read_pool(b"PK\x03\x04 not really a zip", quotas())


def test_it_reads_xlsx_and_flags_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "naam", "geslacht", "leeftijd"])
    sheet.append([1, '=HYPERLINK("http://evil","klik")', "vrouw", "jong"])
    sheet.append([2.0, "Bo", "man", "oud"])
    path = tmp_path / "pool.xlsx"
    workbook.save(path)
    pool = read_pool(path, quotas())
    assert pool.ids == ["1", "2"]
    assert pool.people[0].contact["naam"].startswith("'=HYPERLINK(")
    assert any("formule" in w for w in pool.warnings)


def test_a_missing_file_is_reported_not_raised_as_os_error(tmp_path):
    with pytest.raises(PanelInputError, match="niet gevonden"):
        read_pool(tmp_path / "weg.csv", quotas())
