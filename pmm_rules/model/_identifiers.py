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
    "verslaving", "psychosociale_problemen",
]
NeedContext = Literal["onderwijs", "werk", "leefdomein", "thuis", "instelling"]
Actor = Literal[
    "gemeente", "zorgverzekeraar", "zorgkantoor", "ciz", "uwv", "svb", "duo", "cak", "cjib", "belastingdienst",
    "toeslagen", "rechtbank", "rijk",
]
CreditorOther = Literal["verhuurder", "energieleverancier", "waterbedrijf", "overig", "warmteleverancier"]
Creditor = Actor | CreditorOther
Threat = Literal["ontruiming", "afsluiting_energie", "afsluiting_water", "opzegging_zorgverzekering",
                 "afsluiting_stadsverwarming"]
Step = Literal["regulier", "maatwerkregister", "lmm", "let"]
Indication = Literal["wlz_indicatie"]
PendingApplication = Literal["wlz_aanvraag"]
DebtStage = Literal["achterstand", "aanmaning", "dwangbevel", "beslag", "ontruimingsvonnis"]
DebtAssistanceStatus = Literal["geen", "aangemeld", "toegelaten", "minnelijk_traject", "wsnp", "wsnp_verzoek"]
AttemptOutcome = Literal["vastgelopen", "lopend", "opgelost"]
CollisionKind = Literal["gap", "overlap", "deadlock", "transition", "pending"]
RegimeStatus = Literal["applies", "excluded", "undetermined"]
StepStatus = Literal["opgelost", "vastgelopen", "lopend", "niet_geprobeerd", "niet_beschikbaar", "volgende",
                     "ongeldig"]
WlzDeliveryForm = Literal["instelling", "vpt", "mpt", "pgb", "mpt_pgb"]
DeliveryForm = Literal["natura", "pgb"]
WlzObjection = Literal["geen", "ingediend", "gegrond", "ongegrond"]
CareLawOrNone = Literal["wmo2015", "jeugdwet", "zvw", "wlz", "geen"]
AdaptationPurpose = Literal["zorgverlening", "zelfredzaamheid"]
TransportDestination = Literal["geneeskundige_zorg", "wlz_dagdeel", "jeugdhulp", "wmo_voorziening", "sociaal_verkeer",
                               "onderwijs", "werk"]
TransportMode = Literal["ambulance", "zittend"]
SickTransportGroup = Literal["nierdialyse", "oncologie", "rolstoel", "visueel", "kind_verpleging_toezicht",
                             "geriatrische_revalidatie", "dagbehandeling_groep"]
BrpRegistration = Literal["woonadres", "briefadres", "geen"]
AidKind = Literal["rolstoel", "drempelhulp", "transferhulpmiddel", "wassen_toilet", "overig"]
AidDuration = Literal["blijvend", "tijdelijk"]
MemberRole = Literal["aanvrager", "echtgenoot", "kind", "medebewoner"]
DebtKind = Literal["belasting", "gemeentelijke_belasting", "toeslag", "uitkering", "boete", "zorgpremie",
                   "bestuursrechtelijke_premie", "studieschuld", "levenlanglerenkrediet", "huur", "energie", "water",
                   "overig", "warmte", "verkeersboete", "strafrechtelijke_boete"]
MissingFactImpact = Literal["beslissend", "relevant", "aanvullend"]
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
    "collision_kinds": CollisionKind, "regime_statuses": RegimeStatus, "route_step_statuses": StepStatus,
    "wlz_delivery_forms": WlzDeliveryForm, "delivery_forms": DeliveryForm, "wlz_objections": WlzObjection,
    "care_laws_or_none": CareLawOrNone, "adaptation_purposes": AdaptationPurpose,
    "transport_destinations": TransportDestination, "transport_modes": TransportMode,
    "sick_transport_groups": SickTransportGroup, "brp_registrations": BrpRegistration, "member_roles": MemberRole,
    "debt_kinds": DebtKind, "missing_fact_impacts": MissingFactImpact, "aid_kinds": AidKind,
    "aid_durations": AidDuration,
}
