#!/usr/bin/env python
"""Speed and memory of the theme analysis on generated Dutch-like texts.

Generates --n texts of about 30 words from a vocabulary per topic
(deterministic for --seed), runs ``find_themes`` and prints one JSON object:
n, seconds (the analysis only, model loading included), peak_mb (peak
resident memory of the process), themes, method and k.

    nice .venv/bin/python bench/themes.py --n 10000 [--method auto|tfidf|semantic] [--threads 1]

With --labelled it instead measures quality on the labelled test set
(mia/analysis/data/themes_testset.csv): NMI and ARI of each method and of the
plain TF-IDF + k-means baseline, over a few seeds.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOPICS = {
    "wonen": "huur huurwoning woning huis huizen wachtlijst koopwoning starters corporatie verhuurder"
    " nieuwbouw appartement kamer hypotheek dakloos schimmel onderhoud renovatie huurders woningnood"
    " betaalbaar duur klein groot lekt tochtig bouwen verhuizen kopen huren",
    "veiligheid": "politie agent wijkagent inbraak criminaliteit drugs overlast straat donker verlichting"
    " camera boa handhaving aangifte geweld diefstal vuurwerk explosie bendes jongeren onveilig bang"
    " angst veilig gevaarlijk melden optreden beveiligen",
    "zorg": "huisarts ziekenhuis wachtlijst ggz thuiszorg mantelzorg verpleeghuis dementie tandarts"
    " apotheek medicijnen verpleegkundige zorgverzekeraar behandeling psycholoog depressie patiënten"
    " gezondheid ziek hulp eigen risico fysiotherapie spoedeisende zorgen verzorgen",
    "onderwijs": "school leraar leraren docent klas leerlingen onderwijs schooladvies stage mbo hbo"
    " universiteit huiswerk bijles toetsen lerarentekort basisschool kleuters dyslexie leesles"
    " studenten opleiding leren lesgeven diploma",
    "vertrouwen": "overheid gemeente politiek politici kabinet ambtenaren belastingdienst toeslagenaffaire"
    " beloftes verkiezingen stemmen inspraak burgerberaad transparantie regels bureaucratie brieven"
    " loket wethouder gemeenteraad luisteren vertrouwen wantrouwen eerlijk",
    "buurt": "buren buurt buurthuis ontmoeten eenzaam eenzaamheid straatfeest vrijwilligers vereniging"
    " koffie samen contact kennen groeten activiteiten moestuin wijkcentrum saamhorigheid nieuwkomers"
    " burendag helpen praten gezellig",
    "mobiliteit": "bus trein openbaar vervoer station fiets fietspad auto parkeren file weg wegen"
    " verkeer deelauto laadpaal rijbewijs bushalte dienstregeling vertraging buurtbus rolstoel"
    " reizen rijden omrijden bereikbaar",
    "geld": "geld inkomen armoede schulden minimumloon bijstand uitkering toeslag toeslagen voedselbank"
    " rekeningen energierekening boodschappen pensioen aow salaris loon koopkracht inflatie sparen"
    " betalen rondkomen duurder kosten",
}
GENERAL = (
    "de het een en van in op met voor dat is zijn niet maar ook er we ik je ze te veel meer"
    " heel echt vaak altijd nooit soms mensen iedereen moet moeten kan kunnen wil willen zou"
    " graag beter slecht goed groot klein nieuw oud snel lang jaar jaren maand week dag avond"
    " hier daar nu straks vinden denken zien krijgen maken geven houden gaan komen"
).split()


def generate(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """n texts of ~30 words, each mostly about one topic, and their topics."""
    rng = random.Random(seed)
    vocab = {topic: words.split() for topic, words in TOPICS.items()}
    topics = list(vocab)
    texts, labels = [], []
    for _ in range(n):
        topic = rng.choice(topics)
        words = []
        for _ in range(rng.randint(25, 35)):
            r = rng.random()
            if r < 0.40:
                words.append(rng.choice(vocab[topic]))
            elif r < 0.47:
                words.append(rng.choice(vocab[rng.choice(topics)]))
            elif r < 0.50:
                # a made-up compound: real responses have a long tail of rare words
                words.append(rng.choice(vocab[topic]) + rng.choice(vocab[topic]))
            else:
                words.append(rng.choice(GENERAL))
        sentence = " ".join(words)
        texts.append(sentence[0].upper() + sentence[1:] + ".")
        labels.append(topic)
    return texts, labels


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def bench(n: int, seed: int, method: str, threads: int) -> dict:
    from sklearn.metrics import normalized_mutual_info_score

    from mia.analysis.themes import find_themes

    texts, labels = generate(n, seed)
    start = time.perf_counter()
    result = find_themes(texts, seed=seed, method=method, threads=threads)
    seconds = time.perf_counter() - start
    predicted = [0] * n
    for theme in result.themes:
        for i in theme.member_ids:
            predicted[i] = theme.number
    return {
        "n": n,
        "seconds": round(seconds, 2),
        "peak_mb": peak_mb(),
        "themes": len(result.themes),
        "method": result.method,
        "k": result.k,
        "threads": threads,
        "nmi_vs_generator_topics": round(normalized_mutual_info_score(labels, predicted), 3),
    }


def labelled(seeds: list[int]) -> dict:
    """NMI/ARI on the labelled set for the baseline, tfidf and semantic (auto k and k = true k)."""
    from mia.analysis.tests.quality import baseline_scores, load_testset, method_scores

    texts, ids, labels, _ = load_testset()
    k_true = len(set(labels))
    out: dict = {"n": len(texts), "labels": k_true, "seeds": seeds, "runs": {}}
    out["runs"]["baseline tfidf+kmeans (k=true)"] = baseline_scores(texts, labels, seeds)
    for method in ("tfidf", "semantic"):
        for k in (None, k_true):
            name = f"{method} ({'auto k' if k is None else 'k=true'})"
            start = time.perf_counter()
            out["runs"][name] = method_scores(texts, ids, labels, method, seeds, k=k)
            out["runs"][name]["seconds_per_run"] = round((time.perf_counter() - start) / len(seeds), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--method", default="auto", choices=("auto", "tfidf", "semantic"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--labelled", action="store_true", help="measure NMI/ARI on the labelled set")
    parser.add_argument("--seeds", type=int, default=3, help="seeds for --labelled")
    parser.add_argument("--no-e5", action="store_true", help="leave the optional e5 model out")
    args = parser.parse_args()
    if args.no_e5:
        from mia.analysis.themes import vectors

        vectors.E5_CHAR_BUDGET = 0
    if args.labelled:
        result = labelled(list(range(args.seeds)))
    else:
        result = bench(args.n, args.seed, args.method, args.threads)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
