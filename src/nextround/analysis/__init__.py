"""Stage 2: analysis. What the title and the ad tell us, with the evidence for each.

The title gives the role family and the level (title.py); the ad is split into its parts
(ad.py) so that pay, requirements, benefits, legal text and the job site's buttons never count
as facts about the company. From the sentences about the company and the role come its sector
(sector.py), named entities (entities.py), stated initiatives (initiatives.py), and its
signals, key facts, products, customers and markets (company.py). The user may overrule the
family, the level and the sector; `explain` shows what was read and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import RequestError
from ..library import Family, Library
from ..request import Request
from .ad import ABOUT_THE_COMPANY, Sentence, read_ad
from .company import Finding, company_profile, key_facts, signal_findings
from .entities import Entities, find_entities, stated_date
from .initiatives import Initiative, find_initiatives
from .measures import StatedMeasure, stated_measures
from .sector import Sector, before_clients, detect_sector
from .title import detect_family, detect_level, fold, heading, normalize_title, read_title
from .voice import short_name, third_person

__all__ = ["TRAINING", "Analysis", "Finding", "Initiative", "Responsibility", "Sector", "analyze",
           "detect_family", "detect_level", "fold", "normalize_title", "read_title"]


@dataclass(frozen=True)
class Responsibility:
    """One stated duty: its verb, its object, and the line it came from."""

    verb: str
    object: str
    text: str


@dataclass
class Analysis:
    family: Family
    family_cue: str
    fell_back: bool
    level: str
    level_cue: str
    sector: Sector | None = None
    title_noise: tuple[str, ...] = ()
    heading: str = ""  # the title without a job board's pay, perks, shifts and places
    signals: list[Finding] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # in the third person: "Acme runs 40..."
    fact_sentences: list[str] = field(default_factory=list)  # the sentence each fact is from
    entities: Entities = field(default_factory=Entities)
    responsibilities: list[Responsibility] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    # How the ad says the job starts: "You attend our 75-hour CNA program", "You'll train for
    # four weeks at our Johnston branch", a 24-week orientation. The plan follows it.
    training: list[str] = field(default_factory=list)
    # What the company sells, to whom and where: phrases as the description words them.
    products: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    parts: list[Sentence] = field(default_factory=list)
    measures: list[StatedMeasure] = field(default_factory=list)  # where it stands, its goal
    overridden: tuple[str, ...] = ()  # which of family, level, sector the user set

    @property
    def sentences(self) -> int:
        return len(self.parts)

    @property
    def ignored_sentences(self) -> int:
        return sum(s.part not in ABOUT_THE_COMPANY + ("responsibilities",) for s in self.parts)

    def has(self, signal_id: str) -> bool:
        return any(s.id == signal_id for s in self.signals)

    def of_kind(self, kind: str) -> list[Finding]:
        return [s for s in self.signals if s.kind == kind]


# A training path the ad sets out: what is learned, and for how long.
TRAINING = re.compile(r"\b(?:train(?:s|ed|ing)?|classroom|course|orientation|preceptor(?:ship)?|"
                       r"residency|mentor(?:ed|ing)?|shadow(?:ing)?|apprentice(?:ship)?|"
                       r"onboarding program)\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|eight|ten|twelve|twenty-four)"
                       r"[- ](?:hours?|days?|weeks?|months?)\b", re.IGNORECASE)
_VERB_LEAD = re.compile(r"^(?:you will |you'll |will |to |and )", re.IGNORECASE)


def _responsibility(text: str) -> Responsibility | None:
    clause = _VERB_LEAD.sub("", text.strip())
    words = clause.split()
    if len(words) < 2 or not words[0].isalpha():
        return None
    obj = re.split(r"[,;:(]|\.(?!\d)| and (?=[a-z]+s? )| to (?=[a-z]+ )| so that ",
                   " ".join(words[1:]))[0]
    return Responsibility(words[0].lower(), " ".join(obj.split()[:10]), text.strip())


_YOU_WILL = re.compile(r"^(?:as [^,]{3,60}, )?you(?:'ll|’ll| will)(?: also)? (?P<duty>.+)$",
                       re.IGNORECASE)


def _you_will(parts: list[Sentence], library: Library) -> list[str]:
    """Duties an ad states in prose ("You'll handle deposits, ... and balance your drawer"),
    worded as the ad's bullets would be: "Handle deposits, ... and balance my drawer"."""
    out = []
    for sentence in parts:
        match = _YOU_WILL.match(sentence.text) if sentence.part in ABOUT_THE_COMPANY else None
        if not match:
            continue
        duty = match.group("duty")
        if duty.split()[0].lower() not in library.ad["duty_verbs"]:
            continue  # "you'll be part of a team of eight": no duty
        duty = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "me", duty))
        # "handle deposits, ..., balance my drawer and help members": each verb its own duty
        verbs = library.ad["duty_verbs"]
        cuts = [m.start() for m in re.finditer(r",(?: and)? (\w+)\b", duty)
                if m.group(1).lower() in verbs]
        for start, end in zip([0, *cuts], [*cuts, len(duty)], strict=True):
            piece = re.sub(r"^,(?: and)? ", "", duty[start:end]).strip().rstrip(".")
            if piece:
                out.append(piece[0].upper() + piece[1:])
    return out


def _in_a_sentence(name: str) -> str:
    """A family's name inside a sentence: "Sustainability and ESG" -> "sustainability and ESG"."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _override(kind: str, value: str, known: dict, hint: str) -> None:
    if value not in known:
        raise RequestError(f"Unknown {kind} {value!r}: choose one of {', '.join(sorted(known))} "
                           f"({hint}).")


def analyze(request: Request, library: Library) -> Analysis:
    title = read_title(request.role, library)
    family, family_cue = detect_family(title.core, library)
    level, level_cue = detect_level(title.core, library)
    level = library.seniority.by_family.get(family.id, {}).get(level_cue, level)
    overridden = []
    if request.family:
        _override("family", request.family, library.families, "see nextround roles")
        family, family_cue = library.families[request.family], "--family"
        overridden.append("family")
    if request.level:
        _override("level", request.level, {lv: 1 for lv in library.seniority["order"]},
                  "see nextround roles")
        level, level_cue = request.level, "--level"
        overridden.append("level")
    parts = read_ad(request.description, request.company, library, request.role)
    about = [s.text for s in parts if s.part in ABOUT_THE_COMPANY]
    duties = [s.text for s in parts if s.part == "responsibilities"]
    header = [s.text for s in parts if s.part == "header"]
    entities = find_entities(about + duties, header, library)
    sector = detect_sector(about or header, request.company, library)
    if request.sector:
        sectors = {s["id"]: s for s in library.sectors["sectors"]}
        _override("sector", request.sector, sectors, "see nextround roles")
        sector = Sector(request.sector, sectors[request.sector]["label"], ("--sector",))
        overridden.append("sector")
    # The company's clients are not the company: "our clients range from DTC start-ups".
    own_words = [before_clients(s, library) for s in about + duties]
    signals = [f for f in signal_findings(own_words + header, library)
               if f.kind == "work-mode" or f.sentence not in header]
    profile = company_profile(about, request.company, library)
    facts = key_facts(about, library)
    short = short_name(request.company, request.description)
    initiatives = find_initiatives(about, entities.systems, library,
                                   function=_in_a_sentence(family.name) if family.match else "",
                                   duties=duties)
    # When each is due, counted from the plan's start: one dated after day 90 has no results
    # to report by then.
    today = request.start_date or request.date
    initiatives = [replace(i, starts=stated_date(i.sentence, today)) for i in initiatives]
    # A signal that `gives_way_to:` another signal, an initiative type or "initiative" (any)
    # is dropped when that is found: "since 1954" is no steady state during a conversion.
    present = {f.id for f in signals} | {i.id for i in initiatives} | \
        ({"initiative"} if initiatives else set())
    yields = {s.id: set(s.effects.gives_way_to) for s in library.signals}
    signals = [f for f in signals if not yields.get(f.id, set()) & present]
    return Analysis(
        family=family,
        family_cue=family_cue,
        fell_back=family is library.fallback,
        level=level,
        level_cue=level_cue,
        sector=sector,
        title_noise=title.noise,
        heading=heading(request.role, library),
        signals=signals,
        initiatives=initiatives,
        # Named in full in the first fact, by the name it calls itself after that.
        facts=[third_person(shown, request.company if i == 0 else short, library.ad["voice"],
                            short)
               for i, (shown, _) in enumerate(facts)],
        fact_sentences=[sentence for _, sentence in facts],
        entities=entities,
        responsibilities=[r for r in map(_responsibility, duties + _you_will(parts, library))
                          if r],
        requirements=[s.text for s in parts if s.part == "requirements"],
        training=[s.text for s in parts if s.part in (*ABOUT_THE_COMPANY, "responsibilities")
                  and TRAINING.search(s.text) and _DURATION.search(s.text)],
        products=profile["products"],
        customers=profile["customers"],
        # A market names a place the lists know ("eastern Iowa", "the Midwest", "14 states"):
        # "the CMS Care Compare Five-Star" and "Tableau" follow an "in" too.
        markets=[m for m in profile["markets"]
                 if any(fold(place) in fold(m) for place in entities.places)
                 or re.search(r"\b(?:countries|states|provinces|markets|regions)$", m)],
        parts=parts,
        measures=stated_measures(entities.baselines, parts, request.company,
                                 library.ad["measures"]),
        overridden=tuple(overridden),
    )
