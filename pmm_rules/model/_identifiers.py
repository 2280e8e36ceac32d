"""The identifier types of the public contract, as Python types: one place, kept equal to `vocabulary.yaml`.

The vocabulary file is the source of truth for every identifier a rule, graph, case or scenario may use. The
models need some of those lists as `Literal` types, so that pydantic refuses an unknown value and the JSON
Schemas list the allowed ones for editors. They are written here once; `tests/test_layers.py` proves that each
equals its list in the vocabulary, so adding an identifier means adding it in both, and a test says so if not.
"""

from __future__ import annotations

from typing import Literal

Provision = Literal[
    "huishoudelijke_hulp", "begeleiding", "dagbesteding", "persoonlijke_verzorging", "wijkverpleging",
    "beschermd_wonen", "maatschappelijke_opvang", "jeugdhulp", "jeugd_ggz", "ggz", "langdurig_verblijf",
    "hulpmiddel", "woningaanpassing", "vervoer", "tolkvoorziening", "logeeropvang", "schuldhulpverlening",
]
MemberCondition = Literal[
    "auditieve_beperking", "spraakbeperking", "visuele_beperking", "lichamelijke_beperking",
    "verstandelijke_beperking", "psychische_stoornis", "somatische_aandoening", "psychogeriatrische_aandoening",
    "verslaving",
]
NeedContext = Literal["onderwijs", "werk", "leefdomein", "thuis", "instelling"]
Actor = Literal[
    "gemeente", "zorgverzekeraar", "zorgkantoor", "ciz", "uwv", "svb", "duo", "cak", "cjib", "belastingdienst",
    "toeslagen", "rechtbank", "rijk",
]
CreditorOther = Literal["verhuurder", "energieleverancier", "waterbedrijf", "overig"]
Creditor = Actor | CreditorOther
Threat = Literal["ontruiming", "afsluiting_energie", "afsluiting_water", "opzegging_zorgverzekering"]
Step = Literal["regulier", "maatwerkregister", "lmm", "let"]
Indication = Literal["wlz_indicatie"]
PendingApplication = Literal["wlz_aanvraag"]
DebtStage = Literal["achterstand", "aanmaning", "dwangbevel", "beslag", "ontruimingsvonnis"]
DebtAssistanceStatus = Literal["geen", "aangemeld", "toegelaten", "minnelijk_traject", "wsnp"]
AttemptOutcome = Literal["vastgelopen", "lopend", "opgelost"]
CollisionKind = Literal["gap", "overlap", "deadlock", "transition", "pending"]
RegimeStatus = Literal["applies", "excluded", "undetermined"]
StepStatus = Literal["opgelost", "vastgelopen", "lopend", "niet_geprobeerd", "niet_beschikbaar", "volgende"]
SourceKind = Literal["statute", "regulation", "practice"]
Confidence = Literal["verified", "likely", "unverified"]
Outcome = Literal["fired", "not_fired", "undetermined"]
SubjectKind = Literal["case", "need", "debt"]

# The step status of a route step nobody tried yet (one of StepStatus); also a value of `case.attempts.<step>`.
NOT_ATTEMPTED: Literal["niet_geprobeerd"] = "niet_geprobeerd"

# Which Literal holds which vocabulary list (the test that keeps them equal reads this).
VOCABULARY_LISTS: dict[str, object] = {
    "provisions": Provision, "conditions": MemberCondition, "contexts": NeedContext, "actors": Actor,
    "creditor_others": CreditorOther, "threats": Threat, "escalation_steps": Step, "indications": Indication,
    "pending_applications": PendingApplication, "debt_stages": DebtStage,
    "debt_assistance_statuses": DebtAssistanceStatus, "attempt_outcomes": AttemptOutcome,
    "collision_kinds": CollisionKind, "regime_statuses": RegimeStatus,
}
