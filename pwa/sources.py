"""The documents the guide's facts come from (see ../shared/sources/README.md).

Titles and publishers are names, shown as published (in English) on every page that
draws on them; they are not translated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    date: str


SOURCES: dict[str, Source] = {
    source.key: source
    for source in (
        Source(
            "bch-treatment",
            "Treatments for Leiomyosarcoma in Children",
            "Boston Children's Hospital / Dana-Farber Cancer Institute",
            "",
        ),
        Source(
            "bch-topic",
            "Leiomyosarcoma (KidsMD health topic)",
            "Boston Children's Hospital, reviewed by Carlos Rodriguez-Galindo, MD",
            "2012",
        ),
        Source(
            "nicklaus",
            "Leiomyosarcoma",
            "Nicklaus Children's Hospital, reviewed by Jack Wolfsdorf, MD, FAAP",
            "2018-05-23",
        ),
        Source(
            "gard",
            "Leiomyosarcoma",
            "Genetic and Rare Diseases Information Center (GARD), NCATS",
            "2015-06-26",
        ),
        Source(
            "lms-cure",
            "Is there a cure?",
            "“Leiomyosarcoma and Power Morcellators” information site (no author named)",
            "2015",
        ),
    )
}
