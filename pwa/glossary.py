"""The glossary: words a family hears from the care team, each defined in plain words.

The slugs are the glossary page's anchors (`/en/glossary/#biopsy`). Pages link the
first use of a term to its entry inside their own messages, so a translator moves
the link with the word (`<a href="%(g)s#biopsy">biopsy</a>`); tests check that every
such link has an entry here and that each page's English text links the first use.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from pwa.pages import N_


@dataclass(frozen=True)
class Term:
    slug: str
    term: str  # English msgid
    definition: str  # English msgid, one or two plain sentences


GLOSSARY: tuple[Term, ...] = (
    Term(
        "amputation",
        N_("amputation"),
        N_(
            "Surgery to remove part or all of an arm or a leg. It is done only when a "
            "tumor cannot be taken out safely in another way."
        ),
    ),
    Term(
        "angiogenesis-inhibitor",
        N_("angiogenesis inhibitor"),
        N_(
            "A medicine being studied that may stop a tumor from growing new blood "
            "vessels. A tumor needs new blood vessels to keep growing."
        ),
    ),
    Term(
        "biological-therapy",
        N_("biological therapy"),
        N_(
            "Treatment that helps the body's own immune system fight cancer, or that "
            "eases the side effects of other treatments."
        ),
    ),
    Term(
        "biopsy",
        N_("biopsy"),
        N_(
            "Taking a small piece of a tumor so that a doctor can study it under a "
            "microscope. It is the test that shows for sure what kind of tumor it is."
        ),
    ),
    Term(
        "blood-chemistry",
        N_("blood chemistry"),
        N_(
            "Blood tests that measure substances in the blood. They show how well "
            "organs such as the liver and the kidneys are working."
        ),
    ),
    Term(
        "bone-scan",
        N_("bone scan"),
        N_(
            "A scan that looks for tumors or other disease in the bones. It can also "
            "help find the cause of pain or swelling in a bone."
        ),
    ),
    Term(
        "budd-chiari-syndrome",
        N_("Budd-Chiari syndrome"),
        N_(
            "A problem that starts when blood cannot flow out of the liver, for example "
            "because a tumor blocks the vena cava. It can cause belly pain, fluid in the "
            "belly, a swollen liver and yellow skin."
        ),
    ),
    Term(
        "chemotherapy",
        N_("chemotherapy"),
        N_(
            "Medicine, often called chemo, that kills cancer cells or stops them from "
            "growing. It travels in the blood to the whole body."
        ),
    ),
    Term(
        "clinical-trial",
        N_("clinical trial"),
        N_(
            "A research study that tests a new treatment with patients. Talk it over "
            "with your child's team before you decide whether to take part."
        ),
    ),
    Term(
        "complete-blood-count",
        N_("complete blood count"),
        N_(
            "A blood test that counts each kind of blood cell and checks their size and "
            "how mature they are. It is often called a CBC."
        ),
    ),
    Term(
        "ct-scan",
        N_("CT scan"),
        N_(
            "A scan that uses X-rays and a computer to make detailed pictures of the "
            "inside of the body. It is also called a CAT scan."
        ),
    ),
    Term(
        "differentiation",
        N_("differentiation"),
        N_(
            "How much tumor cells still look like the normal cells they came from. Cells "
            "that look very different usually grow faster."
        ),
    ),
    Term(
        "digestive-tract",
        N_("digestive tract"),
        N_(
            "The path food takes through the body, from the mouth through the stomach "
            "and bowels to the anus. Doctors also call it the gastrointestinal (GI) tract."
        ),
    ),
    Term(
        "epstein-barr-virus",
        N_("Epstein-Barr virus"),
        N_(
            "The virus that causes mononucleosis, often called mono. In people whose "
            "immune system is weak, for example after an organ transplant or with HIV or "
            "AIDS, it seems to be linked to leiomyosarcoma."
        ),
    ),
    Term(
        "genetic-counseling",
        N_("genetic counseling"),
        N_(
            "Talks with an expert who explains how genes can affect health in a family, "
            "and what tests could show."
        ),
    ),
    Term(
        "genetic-profiling",
        N_("genetic profiling"),
        N_(
            "Reading the genes of a tumor to learn what makes it grow. Researchers hope "
            "it can help them plan treatment that fits one tumor."
        ),
    ),
    Term(
        "grade",
        N_("grade"),
        N_(
            "How unusual tumor cells look under a microscope: low, intermediate or high. "
            "High-grade tumors tend to grow and spread faster."
        ),
    ),
    Term(
        "growth-plate",
        N_("growth plate"),
        N_(
            "A layer of softer tissue, called cartilage, near the end of a long bone, "
            "where a child's bone grows. It turns into solid bone when growing stops."
        ),
    ),
    Term(
        "hormonal-therapy",
        N_("hormonal therapy"),
        N_(
            "Treatment that blocks or changes hormones, the body's chemical messengers, "
            "because some tumors need them to grow."
        ),
    ),
    Term(
        "immune-system",
        N_("immune system"),
        N_(
            "The body's defense against germs and disease. A weak immune system makes "
            "some illnesses more likely."
        ),
    ),
    Term(
        "jaundice",
        N_("jaundice"),
        N_(
            "Yellow color of the skin or of the whites of the eyes. It can be a sign "
            "that the liver is not working well."
        ),
    ),
    Term(
        "late-effects",
        N_("late effects"),
        N_(
            "Health problems caused by cancer treatment that show up months or years "
            "after treatment ends."
        ),
    ),
    Term(
        "limb-salvage-surgery",
        N_("limb-salvage surgery"),
        N_("Surgery that removes a tumor from an arm or a leg and saves the limb."),
    ),
    Term(
        "margin",
        N_("margin"),
        N_(
            "The rim of healthy tissue that a surgeon takes out around a tumor. A wide "
            "margin lowers the chance that cancer cells stay behind."
        ),
    ),
    Term(
        "metastasis",
        N_("metastasis"),
        N_(
            "Cancer that has spread from where it started to another part of the body. "
            "Doctors say the cancer has metastasized."
        ),
    ),
    Term(
        "mri",
        N_("MRI"),
        N_(
            "Magnetic resonance imaging: a scan that uses a strong magnet and radio waves "
            "to make detailed pictures of the inside of the body."
        ),
    ),
    Term(
        "neurological-exam",
        N_("neurological exam"),
        N_(
            "A check of how the brain and nerves are working: reflexes, strength, eye "
            "and mouth movements, balance and how alert a child is."
        ),
    ),
    Term(
        "oncologist",
        N_("oncologist"),
        N_("A doctor who treats cancer. A pediatric oncologist treats children."),
    ),
    Term(
        "patient-registry",
        N_("patient registry"),
        N_(
            "A collection of information about people who have the same disease, kept "
            "to help research."
        ),
    ),
    Term(
        "pulmonary-artery",
        N_("pulmonary artery"),
        N_("The large blood vessel that carries blood from the heart to the lungs."),
    ),
    Term(
        "radiation-therapy",
        N_("radiation therapy"),
        N_(
            "Treatment that uses strong, carefully aimed rays to kill cancer cells. It is "
            "often used for cells that surgery left behind."
        ),
    ),
    Term(
        "recurrence",
        N_("recurrence"),
        N_("Cancer that comes back after treatment, in the same place or somewhere else."),
    ),
    Term(
        "remove",
        N_("remove"),
        N_("To take out with surgery. In letters, doctors may write resect or excise."),
    ),
    Term(
        "sarcoma",
        N_("sarcoma"),
        N_(
            "A cancer that starts in soft tissue, such as muscle, fat or blood vessels, or in bone."
        ),
    ),
    Term(
        "side-effect",
        N_("side effect"),
        N_(
            "A problem that a treatment causes besides what it is meant to do. Chemo "
            "has side effects because it harms some healthy cells too."
        ),
    ),
    Term(
        "smooth-muscle",
        N_("smooth muscle"),
        N_(
            "Muscle that works without our control. It is in the walls of the stomach, "
            "the bowels, the blood vessels and other organs."
        ),
    ),
    Term(
        "soft-tissue",
        N_("soft tissue"),
        N_(
            "The parts of the body that connect, support or surround other parts, such "
            "as muscle, fat, nerves and blood vessels."
        ),
    ),
    Term(
        "spread",
        N_("spread"),
        N_(
            "When cancer moves from where it started to other parts of the body, for "
            "example through the blood to the lungs or the liver. Doctors call this metastasis."
        ),
    ),
    Term(
        "stage",
        N_("stage"),
        N_(
            "A measure of how big and how deep a tumor is, and whether it has spread. "
            "In the stages described for adults, stage 4 means it has spread to other "
            "parts of the body."
        ),
    ),
    Term(
        "survivorship-clinic",
        N_("survivorship clinic"),
        N_(
            "A clinic for children who have finished cancer treatment. It checks whether "
            "the cancer has come back and looks for late effects."
        ),
    ),
    Term(
        "targeted-therapy",
        N_("targeted therapy"),
        N_("Medicine that attacks particular features of cancer cells."),
    ),
    Term(
        "tumor",
        N_("tumor"),
        N_(
            "A lump made of cells that grow when they should not. A tumor can be benign "
            "or it can be cancer."
        ),
    ),
    Term(
        "uterus",
        N_("uterus"),
        N_("The womb: the organ in which a baby grows during pregnancy."),
    ),
    Term(
        "vena-cava",
        N_("vena cava"),
        N_(
            "The two largest veins in the body. They bring blood back to the heart after "
            "the body has used its oxygen."
        ),
    ),
    Term(
        "x-ray",
        N_("X-ray"),
        N_("A quick picture of the bones and other parts inside the body."),
    ),
)

GLOSSARY_BY_SLUG: dict[str, Term] = {term.slug: term for term in GLOSSARY}


def _sort_key(text: str) -> str:
    """Accents and case aside, so "Épaule" files under E. A stand-in for full Unicode
    collation (PyICU), which would be a heavy native dependency for one list."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def in_reading_order(terms: Iterable[Term], translate: Callable[[str], str]) -> list[Term]:
    """The terms sorted by their name in the reader's language."""
    return sorted(terms, key=lambda term: _sort_key(Markup(translate(term.term)).striptags()))
