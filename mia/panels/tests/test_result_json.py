"""The JSON form of a result: complete, plain data, and safe to embed in HTML."""

from __future__ import annotations

import json

from mia.panels.selection import read_pool, read_quotas, result_to_dict, result_to_json, select_panel


def test_the_json_holds_the_required_fields_and_round_trips():
    quotas = read_quotas(b"feature,value,min,max\ng,a,1,2\ng,b,1,2\n")
    pool = read_pool(b"id,g\n1,a\n2,a\n3,b\n4,b\n", quotas)
    result = select_panel(pool, quotas, 2, seed=3)
    data = json.loads(result_to_json(result))
    for field in ("panel", "probabilities", "min_probability", "seed", "algorithm", "seconds", "lottery", "reserves"):
        assert field in data
    assert data == json.loads(json.dumps(result_to_dict(result)))
    assert abs(sum(entry["probability"] for entry in data["lottery"]) - 1.0) < 1e-9


def test_script_text_from_a_file_cannot_break_out_of_html():
    xss = "</script><script>alert(1)</script>"
    quotas = read_quotas(f"feature,value,min,max\ngroep,{xss},1,1\ngroep,b,1,1\n".encode())
    pool = read_pool(f"id,groep\n<b>1</b>,{xss}\n2,b\n".encode(), quotas)
    text = result_to_json(select_panel(pool, quotas, 2, seed=1))
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["groups"][0]["profile"]["groep"] == xss  # the data itself is unchanged
    assert "<b>1</b>" in data["panel"]
