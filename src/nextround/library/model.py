"""The content model: what each YAML file under nextround/content holds, as typed classes.

Each class is read by typed.read (a mistake is reported with its file and field) and described
by typed.json_schema (`nextround templates schema`). The YAML files themselves say what each
field is for, in their comments; the classes follow their order.

Longer than most modules on purpose: it is the one list of what the content files hold, file
by file, and reads best whole (the lines, records and levels are shared by all of them).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from ..errors import ContentError
from .typed import (
    PLACEHOLDERS,
    Factory,
    Model,
    Text,
    at,
    check_placeholders,
    read_model,
    text_with,
)

LEVELS = ("entry", "ic", "senior", "manager", "director", "executive")
PHASES = ("learn", "contribute", "own")
AUDIENCES = ("hiring_manager", "peers", "executives", "reports")
SITUATION_KEYS = ("regulated", "initiative")


def expand_levels(spec: list[str] | tuple[str, ...] | None, where: str) -> tuple[str, ...]:
    """Turn ["manager+"] or ["entry", "ic"] into the tuple of levels it names."""
    if not spec:
        return LEVELS
    chosen: list[str] = []
    for item in spec:
        name = item.rstrip("+-")
        if name not in LEVELS:
            raise ContentError(f"{where}: unknown level {item!r}; levels are {', '.join(LEVELS)}")
        i = LEVELS.index(name)
        if item.endswith("+"):
            chosen += LEVELS[i:]
        elif item.endswith("-"):
            chosen += LEVELS[: i + 1]
        else:
            chosen.append(name)
    return tuple(level for level in LEVELS if level in chosen)


def _stated(ids: tuple[str, ...], present: frozenset[str]) -> bool:
    """Whether one of the ids is stated; an id joined with " & " ("title:estimator &
    construction") is stated when each of its parts is."""
    return bool(present.intersection(ids)) or any(
        " & " in i and all(part in present for part in i.split(" & ")) for i in ids)


def applies(unless: tuple[str, ...], only: tuple[str, ...], present: frozenset[str]) -> bool:
    """Whether content marked `unless:`/`only:` fits what the description states (`present`:
    its sector, signals and initiative types, and the title's words)."""
    return not _stated(unless, present) and (not only or _stated(only, present))


_LEVEL_SCHEMA = {"type": "string", "pattern": rf"^({'|'.join(LEVELS)})[+-]?$"}
_IDS_SCHEMA = {"type": ["array", "null"], "items": {"type": "string"},
               "description": "sector, signal or initiative ids"}


def _ids(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{where}: expected a list of sector, signal or initiative ids")
    return tuple(value)


def _levels(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return LEVELS
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ContentError(f"{where}: expected a list of levels ({', '.join(LEVELS)}, "
                           f"'manager+' or 'senior-')")
    return _expanded(tuple(value)) or expand_levels(value, where)


@lru_cache(maxsize=64)
def _expanded(spec: tuple[str, ...]) -> tuple[str, ...] | None:
    """expand_levels of a spec seen before (a few dozen kinds among thousands of lines);
    None when it is wrong, for expand_levels to say how."""
    try:
        return expand_levels(spec, "")
    except ContentError:
        return None


class _ExpandLevels:
    """The check of a `levels:` list: the levels it names, 'manager+' and 'senior-' spelled
    out; every level when it names none."""

    schema: ClassVar[dict[str, Any]] = {"type": ["array", "null"], "items": _LEVEL_SCHEMA}

    def __call__(self, value: tuple[str, ...] | None, where: str) -> tuple[str, ...]:
        return expand_levels(value, where)


Levels = Annotated[tuple[str, ...] | None, _ExpandLevels()]


class _AsText:
    """A word list's item as text: YAML reads a bare `off` or `no` as false, and the word lists
    were always read with str() (so `off` is the word 'False' until it is quoted)."""

    schema: ClassVar[dict[str, Any]] = {"type": ["string", "boolean", "number"]}

    def __call__(self, value: Any, where: str) -> str:
        return str(value)


Word = Annotated[str | bool | int, _AsText()]


# --- lines ---------------------------------------------------------------------------------------


class Line(Model):
    """One line of content, the levels it applies to, and the signals or initiative types
    that rule it out ("Read the latest sustainability report" is wrong for a company's first
    sustainability hire: `unless: [new-function]`)."""

    text: str
    levels: tuple[str, ...] = LEVELS
    unless: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # kept only where one of these is stated (a sector, a signal)

    placeholders: ClassVar[frozenset[str]] = PLACEHOLDERS

    def __init__(self, text: str, levels: tuple[str, ...] = LEVELS, unless: tuple[str, ...] = (),
                 only: tuple[str, ...] = ()):
        # Spelled out: thousands of lines are read at every start, and Model's general
        # __init__ is slower.
        set_field = object.__setattr__
        set_field(self, "text", text)
        set_field(self, "levels", levels)
        set_field(self, "unless", unless)
        set_field(self, "only", only)

    def fits(self, level: str, present: frozenset[str] = frozenset()) -> bool:
        return level in self.levels and applies(self.unless, self.only, present)

    @classmethod
    def read_data(cls, item: Any, file: str, path: str) -> Line:
        if isinstance(item, str):
            if "{" in item or "}" in item:
                check_placeholders(item, cls.placeholders, at(file, path))
            return cls(item)
        here = at(file, path)
        if isinstance(item, dict) and isinstance(item.get("text"), str) and \
                item.keys() <= {"text", "levels", "unless", "only"}:
            line = cls(item["text"], _levels(item.get("levels"), f"{here}.levels"),
                       _ids(item.get("unless"), f"{here}.unless"),
                       _ids(item.get("only"), f"{here}.only"))
        else:
            raise ContentError(f"{here}: expected a string or a mapping with 'text', and "
                               f"'levels' or 'unless'")
        check_placeholders(line.text, cls.placeholders, here)
        return line

    @classmethod
    def schema(cls, partial: bool = False) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": {"type": "string"},
                           "levels": {"type": ["array", "null"], "items": _LEVEL_SCHEMA},
                           "unless": _IDS_SCHEMA, "only": _IDS_SCHEMA}}],
            "description": "A text, or a mapping with `text` and the `levels` it is for, "
                           "or the ids it is `only` or never (`unless`) for."}


class QuestionLine(Line):
    """A question or checklist line of questions.yaml: it may name {peer}, the family's
    second person to meet (when the question says `only: [peer]`)."""

    placeholders: ClassVar[frozenset[str]] = PLACEHOLDERS | {"peer"}


class SituatedLine(Model):
    """A line whose wording follows the company's situation: the first `when` key that applies
    (a signal id, 'regulated' or 'initiative') gives the text; otherwise `text` does."""

    text: str
    when: tuple[tuple[str, str], ...] = ()
    # Left out where the description states one of these ("Hold a 1:1 with every direct
    # report" for a company's first marketer: `unless: [new-function, no-team]`).
    unless: tuple[str, ...] = ()

    @classmethod
    def read_data(cls, item: Any, file: str, path: str) -> SituatedLine:
        here = at(file, path)
        if isinstance(item, str):
            item = {"text": item}
        when = item.get("when") or {} if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                or not isinstance(when, dict) or not item.keys() <= {"text", "when", "unless"}:
            raise ContentError(f"{here}: expected a string, or a mapping with 'text', 'when' "
                               f"and 'unless'")
        for key, text in [("text", item["text"]), *when.items()]:
            if not isinstance(text, str):
                raise ContentError(f"{here}.when.{key}: expected a string")
            check_placeholders(text, PLACEHOLDERS, f"{here}.when.{key}")
        return cls(item["text"], tuple(when.items()), _ids(item.get("unless"), f"{here}.unless"))

    @classmethod
    def schema(cls, partial: bool = False) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": {"type": "string"}, "when": {
                "type": "object", "additionalProperties": {"type": "string"},
                "description": "signal id, 'regulated' or 'initiative': the wording then"},
                "unless": _IDS_SCHEMA}}]}


class Record(Model):
    """A row of a table (a measure, a person to meet): for the `levels` it names (those come
    first) or every level, and only where the description states what `only` names and none
    of what `unless` names."""

    levels: tuple[str, ...] | None = None  # None: every level, after the rows for this one
    unless: tuple[str, ...] = ()
    only: tuple[str, ...] = ()

    @classmethod
    def read_data(cls, item: Any, file: str, path: str) -> Any:
        here = at(file, path)
        texts = cls.text_fields()
        if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in texts):
            raise ContentError(f"{here}: expected a mapping with {', '.join(texts)}")
        for k in texts:
            check_placeholders(item[k], PLACEHOLDERS, f"{here}.{k}")
        return cls(**{k: item[k] for k in texts},
                   levels=_levels(item["levels"], f"{here}.levels") if "levels" in item
                   else None,
                   unless=_ids(item.get("unless"), f"{here}.unless"),
                   only=_ids(item.get("only"), f"{here}.only"))

    @classmethod
    def schema(cls, partial: bool = False) -> dict[str, Any]:
        texts = cls.text_fields()
        return {"type": "object", "required": texts,
                "properties": {**{k: {"type": "string"} for k in texts},
                               "levels": {"type": "array", "items": _LEVEL_SCHEMA},
                               "unless": _IDS_SCHEMA, "only": _IDS_SCHEMA}}

    @classmethod
    def text_fields(cls) -> list[str]:
        """The row's own words (metric, baseline, target), not what limits where it shows."""
        return [slot.name for slot in cls.__fields__ if slot.name not in Record.__annotations__]

    def texts(self) -> dict[str, str]:
        """The row's own words, as the handout shows them."""
        return {name: getattr(self, name) for name in self.text_fields()}


class Measure(Record):
    metric: str
    baseline: str
    target: str


class Person(Record):
    role: str
    why: str


class FamilyPriority(Record):
    """A priority the family's work always has in this setting ("Every room turned over
    clean, safe and on time"): the plan's own words when the ad states too few priorities."""

    title: str
    detail: str


# --- a role family (families/*.yaml, fallback.yaml) ----------------------------------------------


class Phase(Model):
    # One theme, or several for the family's jobs and settings ("Learn the board, the drivers
    # and the lanes" `only: [title:dispatcher]`): the first that fits is used.
    theme: Text | list[Line]
    actions: list[Line] = Factory(list)
    deliverables: list[Line] = Factory(list)


class FamilyPhases(Model):
    learn: Phase
    contribute: Phase
    own: Phase


class FamilyQuestions(Model):
    """Questions for each audience of the question sheet."""

    hiring_manager: list[QuestionLine] = Factory(list)
    peers: list[QuestionLine] = Factory(list)
    executives: list[QuestionLine] = Factory(list)
    reports: list[QuestionLine] = Factory(list)


class Family(Model):
    """A role family: how its titles read, and what its plan and questions say."""

    id: str
    name: str
    phases: FamilyPhases
    measures: list[Measure]
    stakeholders: list[Person]
    examples: list[str] = Factory(list)
    match: list[str] = Factory(list)  # the title words of this family
    banned: list[str] = Factory(list)
    early_wins: list[Line] = Factory(list)
    priorities: list[FamilyPriority] = Factory(list)
    questions: FamilyQuestions = FamilyQuestions()
    research: list[Line] = Factory(list)
    # Sectors whose words the family's own lines already speak (a nurse in a hospital): the
    # sector's general first-month action and person to meet (sectors.yaml) are not added.
    home_sectors: tuple[str, ...] = ()

    @classmethod
    def from_yaml(cls, data: Any, where: str, *, needs_match: bool = True) -> Family:
        family = read_model(cls, data, where)
        if needs_match and not family.match:
            raise ContentError(f"{where}: missing 'match' (the title words of this family)")
        return family.replace(match=[m.lower() for m in family.match],
                              banned=[b.lower() for b in family.banned])


# --- plan.yaml -----------------------------------------------------------------------------------


class PhaseText(Model):
    days: str
    name: str
    posture: str
    start: int
    end: int


class PlanPhases(Model):
    learn: PhaseText
    contribute: PhaseText
    own: PhaseText


class PlanSections(Model):
    """The plan's section titles and its tables' column names."""

    understanding: Text
    understanding_note: Text
    to_learn: Text
    understanding_empty: Text
    priorities: Text
    phases: Text
    actions: Text
    deliverables: Text
    measures: Text
    stakeholders: Text
    early_wins: Text
    assumptions: Text
    checkins: Text
    measure: Text
    baseline: Text
    target: Text
    who: Text
    learn_from: Text
    checkin: Text
    review: Text


class HeaderLabels(Model):
    """The words the templates put beside the request's own values, in both handouts: the
    masthead's, the running line's at the top or foot of each page, the Word footer's."""

    prepared_by: Text
    date: Text
    start_date: Text
    recipients: Text
    running: text_with("candidate")
    running_anonymous: Text
    page: Text
    of: Text


class PlanLabels(HeaderLabels):
    day: Text
    deliverable: Text  # before each deliverable, in themes that mark them one by one


class Checkin(Model):
    day: int
    text: Text
    with_initiative: Text = ""
    with_initiative_ahead: Text = ""  # the initiative is dated after day 90: progress toward it
    with_regulations: Text = ""
    frontline: Text = ""  # for an entry, IC or senior plan: no "plan for the next quarter"


class MeasurePriority(Model):
    title: text_with("metric")
    detail: Text
    title_goal: text_with("metric", "goal")
    title_reach: text_with("goal")
    # A measure named by one of these is said with "the" ("the CMS overall rating"), a
    # quantity is not ("agency use").
    the_before: list[str] = Factory(list)


class TrainingPriority(Model):
    title: Text
    detail: Text


class PlanEarlyWins(Model):
    measure: text_with("metric")
    initiative_senior: Text


class StatedMeasure(Model):
    baseline: Text
    baseline_change: Text
    target: Text
    target_lower: text_with("value")
    target_higher: text_with("value")
    target_again: Text
    stated_target: Text
    stated_target_dated: Text
    # A standard the ad holds every day to ("We hold ourselves to 99.5% inventory accuracy").
    baseline_standard: Text
    target_standard: Text
    lower_is_better: list[str] = Factory(list)
    higher_is_better: list[str] = Factory(list)


class DefaultPriority(Model):
    title: Text
    detail: Text
    levels: Levels = LEVELS
    unless_training: bool = False  # left out when the ad sets out the training
    before_family: bool = False  # before the family's own priorities (a director's agenda)


class StatedDuties(Model):
    max_words: int
    contribute: text_with("duty")
    contribute_lead: text_with("duty")
    own: text_with("duty")
    not_duty_starts: list[str] = Factory(list)
    generic: list[str] = Factory(list)


class Reports(Model):
    """How the plan names the people a manager leads ({reports}): as the ad counts them, met
    one by one in two weeks, or over longer, leads first, when they are many."""

    unknown: str
    few: text_with("people")
    many: text_with("people")
    many_from: int
    counted_only: text_with("count")  # "a team of five": "the five people on my team"


class PlanLine(Line):
    placeholders: ClassVar[frozenset[str]] = PLACEHOLDERS | {"served"}


class PlanText(Model):
    """plan.yaml: the plan's fixed wording."""

    title: Text
    subtitle: Text
    # The employer, in the lines of a plan for an ad a recruiter posted for a client it does
    # not name ("Pellham Search Partners has been retained by its client"): not the recruiter.
    unnamed_employer: str = "the company"
    phases: PlanPhases
    sections: PlanSections
    labels: PlanLabels
    checkins: list[Checkin]
    stated_manager: Text
    early_wins: PlanEarlyWins
    initiative_senior_detail: Text
    measure_priority: MeasurePriority
    training_priority: TrainingPriority
    stated_measure: StatedMeasure
    unknown_company: list[PlanLine]
    default_priorities: list[DefaultPriority]
    assumptions: list[Text]
    generic_assumption_unknown: Text
    fallback_assumption: Text
    stated_duties: StatedDuties
    reports: Reports
    phase_names_by_level: dict[str, PlanPhaseNames] = Factory(dict)
    introduction: Text = ""


class PlanPhaseNames(Model):
    learn: str = ""
    contribute: str = ""
    own: str = ""


# --- questions.yaml ------------------------------------------------------------------------------


class QuestionLabels(HeaderLabels):
    """The question sheet's labels: those of both handouts, the "Who I meet" table's, and
    the answer line's in Markdown."""

    who_i_meet: Text
    interviewer: Text
    role: Text
    cares: Text
    answer: Text


class QuestionSection(Model):
    id: str
    title: Text
    audience: Text
    questions: list[QuestionLine]
    levels: Levels = LEVELS
    unless: tuple[str, ...] = ()
    only: tuple[str, ...] = ()


class FromTheAd(Model):
    measure: text_with("metric", "value") = ""
    system: text_with("system") = ""
    initiative: Text = ""


class ResearchText(Model):
    title: Text
    items: list[QuestionLine]
    last: list[QuestionLine]
    known_title: Text


class InterviewerFunction(Model):
    cares: Text
    questions: list[QuestionLine]
    priority_words: list[str]
    id: str = ""
    cues: list[str] = Factory(list)


class Interviewers(Model):
    section_title: text_with("name")
    manager_title: text_with("title")
    max_sections: int
    functions: list[InterviewerFunction]
    default: InterviewerFunction


class QuestionsText(Model):
    """questions.yaml: the question sheet's fixed wording and sections."""

    title: Text
    subtitle: Text
    labels: QuestionLabels
    sections: list[QuestionSection]
    research: ResearchText
    interviewers: Interviewers
    from_the_ad: dict[str, FromTheAd] = Factory(dict)
    introduction: Text = ""
    # A question the ad has answered when it sets out the training ("three weeks of classroom
    # training, then two weeks of nesting"): left off the sheet.
    answered_by_training: re.Pattern[str] | None = None


# --- seniority.yaml, signals.yaml's groups, initiatives.yaml's words, profile.yaml, sectors ------


class LevelAdds(Model):
    learn: list[SituatedLine] = Factory(list)
    contribute: list[SituatedLine] = Factory(list)
    own: list[SituatedLine] = Factory(list)


class Seniority(Model):
    """seniority.yaml: how a title says its level, and what each level adds to a plan."""

    order: list[str]
    labels: dict[str, str]
    neutral: list[str] = Factory(list)
    cues: dict[str, list[str]] = Factory(dict)
    # Words that make a title a beginner's whatever else it says: a "Nurse Aide Trainee" in
    # "Paid CNA Training" is not yet a CNA; a "Management Trainee" manages no one yet.
    beginners: list[str] = Factory(list)
    abbreviations: dict[str, str] = Factory(dict)
    # A rank in most fields that is a job in one: a school's principal runs the school.
    # By family id, the level a cue (as detect_level found it) means there.
    by_family: dict[str, dict[str, str]] = Factory(dict)
    adds: dict[str, LevelAdds] = Factory(dict)


class Effects(Model):
    """What a company signal adds to the handouts (signals.yaml); every effect may be left out."""

    # By phase (learn, contribute, own); a line may name the `levels` it is for ("Look for the
    # next source of growth" is a leader's, not a new cashier's).
    actions: dict[str, list[Line]] = Factory(dict)
    questions: dict[str, list[Text]] = Factory(dict)  # by audience of the question sheet
    research: list[Text] = Factory(list)
    stakeholders: list[Person] = Factory(list)
    assumption: Text = ""  # {evidence}: the words of the description it rests on
    # Used when the description states fewer than two initiatives; may name its `levels`.
    priority: Line | None = None


class SignalEffects(Effects):
    """A signal's effects, and the signals or initiative types it gives way to (a signal that
    `gives_way_to:` one found is dropped; "initiative": any initiative)."""

    gives_way_to: list[str] = Factory(list)


class GroupEffects(Effects):
    """What every signal of a group adds (the `regulated` group: any regulation named)."""

    measure: dict[str, Text] | None = None


class InitiativeThreads(Model):
    """An initiative type's own lines through the plan, in place of the general threads."""

    learn: Text = ""
    contribute: Text = ""
    own: Text = ""
    brief: Text = ""
    deliverable: Text = ""
    review: Text = ""


class ThreadText(InitiativeThreads):
    question: Text = ""


class InitiativeEffects(Model):
    """What an initiative type of initiatives.yaml is called and adds to the handouts, besides
    its id, label and cues."""

    name: str  # {object}: what the cue captured; {noun}: its verb as a noun
    default: str  # the name when no object reads well alone
    # What the plan calls it after a few mentions, every other time ("the new system" for
    # "the Epic rollout"): the same name ten times on two pages reads like a form.
    again: str = ""
    contribution: Text
    priority: Text = ""
    lead: Text = ""  # the contribution in a manager's, director's or executive's words
    frontline: Text = ""  # and in an entry-level or individual contributor's
    early_win: Text = ""
    early_win_frontline: Text = ""  # the same for an entry, IC or senior plan, where it differs
    leader_rank: int = 2  # the order a director's or executive's plan takes them (1 first)
    threads: InitiativeThreads = InitiativeThreads()
    noun: str = ""
    verb_names: dict[str, str] = Factory(dict)  # the cue's verb (its stem) -> its noun
    object_nouns: dict[str, str] = Factory(dict)  # the object's last word -> the noun
    named_by_system: bool = False  # named after the system the sentence names
    plain_objects: list[str] = Factory(list)
    bare_name: str = ""
    require: re.Pattern[str] | None = None  # a sentence must hold this
    unless: re.Pattern[str] | None = None  # and must not hold this


class Threads(ThreadText):
    """How an initiative runs through the plan; `lead` and `frontline` change some lines,
    `ahead` those of an initiative the ad dates after day 90."""

    lead: ThreadText = ThreadText()
    frontline: ThreadText = ThreadText()
    ahead: ThreadText = ThreadText()
    ahead_frontline: ThreadText = ThreadText()  # the same for an entry, IC or senior plan


class InitiativeWords(Model):
    """initiatives.yaml besides its initiatives: reading their names, and their threads."""

    past: re.Pattern[str]
    future: re.Pattern[str]
    bad_edges: frozenset[Word]
    bad_words: frozenset[Word]
    max_object_words: int
    threads: Threads
    short_name_stops: list[Word]
    # Reading an initiative's sentence and its object (analysis/initiatives.py)
    about_the_applicant: re.Pattern[str]
    about_us: re.Pattern[str]
    others: re.Pattern[str] | None = None  # a clause on the customers' changes, not the company's
    clauses: re.Pattern[str]
    possessives: re.Pattern[str]
    clause_ends: frozenset[Word]
    bare_places: frozenset[Word]
    sentence_capitals: frozenset[Word]
    # Words an object may start with that are not part of its name ("the", "and our", "next").
    leading_words: frozenset[Word]
    name_filler: re.Pattern[str]
    one_at_a_time: frozenset[str]


class ProfileField(Model):
    label: str
    cues: list[re.Pattern[str]]
    max_words: int
    stop_words: list[str] = Factory(list)
    heads: list[str] = Factory(list)
    not_heads: list[str] = Factory(list)
    not_places: list[str] = Factory(list)
    not_after: list[str] = Factory(list)
    subject_within: int | None = None


class ProfileUse(Model):
    needs: list[str]
    text: text_with("products", "customers", "markets")
    instead_of: Text = ""
    levels: Levels = LEVELS
    unless: tuple[str, ...] = ()  # left out where the description states one of these
    only: tuple[str, ...] = ()  # kept only where it states one of these


class Profile(Model):
    """profile.yaml: what the company sells, to whom and where, and where the handouts use it."""

    fields: dict[str, ProfileField]
    not_first: list[str]
    clause_words: list[str]
    trailing_words: list[str]
    max_items: int
    uses: dict[str, list[ProfileUse]] = Factory(dict)
    clause_verbs: list[str] = Factory(list)  # "and" before one of these starts a new clause


class Sector(Model):
    id: str
    label: str
    cues: list[str]
    # Words of an employer's own name that say its sector ("County", "Pediatrics", "Heating
    # & Air"): a name is chosen to say what the company is, and outweighs a passing cue.
    names: list[str] = Factory(list)
    # A sector that is a kind of another ("food manufacturing" of "industrial manufacturing"):
    # it wins when it has half the other's weight, since the general words (plant, line)
    # belong to both.
    narrows: list[str] = Factory(list)
    served: str = "customers"
    learn: Text = ""
    stakeholder: dict[str, Text] | None = None
    # The levels the sector's first-month action and person to meet are for: "Work a full
    # service, front and back of house" is a restaurant manager's, not a line cook's.
    levels: Levels = LEVELS


class Sectors(Model):
    """sectors.yaml: the employer's sector, from a closed list."""

    sectors: list[Sector]
    client_markers: list[str] = Factory(list)
    default_served: str = "customers"


