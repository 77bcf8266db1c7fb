"""Sample clinic details for previews, so that a translator sees the clinic sentences.

With no clinic set, the guide leaves out or rewords every sentence that names one
("Call %(clinic)s at %(phone)s" becomes "call your child's care team"), so a
translator previewing the guide would never see those sentences in context.
`make preview` (`serve --reload --sample-clinic full`) fills the clinic settings
with values that are plainly samples: a name that says so, a 555 number, a web
address under `.example` (reserved, RFC 2606). Other choices show the other
wordings: only a name, only a phone number, or no clinic at all.

`serve` refuses a sample clinic without `--reload`: `make run` and deployments
never show them to families. A GUIDE_CLINIC_* variable set in the environment wins
over a sample one, so a clinic can preview its own details the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from pwa.settings import ENV_PREFIX

NAME = "Sample Children's Hospital"
PHONE = "+1 (555) 010-0100"
URL = "https://sample-childrens-hospital.example/"
EMERGENCY_NUMBER = "555"

# Which clinic sentences each choice shows (README, "Settings").
SAMPLE_CLINICS: Mapping[str, Mapping[str, str]] = {
    "full": {
        "clinic_name": NAME,
        "clinic_phone": PHONE,
        "clinic_url": URL,
        "emergency_number": EMERGENCY_NUMBER,
    },
    "name": {"clinic_name": NAME, "clinic_phone": "", "clinic_url": ""},
    "phone": {"clinic_name": "", "clinic_phone": PHONE, "clinic_url": ""},
    "none": {"clinic_name": "", "clinic_phone": "", "clinic_url": ""},
}


def sample_environment(choice: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The GUIDE_* variables a preview with this sample clinic adds to `environ`:
    the sample values of the settings `environ` does not set itself."""
    return {
        ENV_PREFIX + name.upper(): value
        for name, value in SAMPLE_CLINICS[choice].items()
        if ENV_PREFIX + name.upper() not in environ
    }
