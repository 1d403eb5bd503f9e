"""Named things in an ad: systems, regulations, places, the reporting line, the team, the
numbers that matter, baselines and timelines. Names come from lists (content/entities.yaml),
never from free phrases, so a name shown in a plan is a real one, written as the ad writes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..library import NAME_WORD, Library
from ..library.base import COUNT_WORDS

_NUMBER_WORDS = r"(?:\d[\d,.]*\+?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"fifteen|twenty|thirty|forty|fifty|a dozen|dozens of|hundreds of|thousands of)"
_REPORTS_TO = re.compile(
    r"\b(?i:report(?:s|ing)?\s+(?:directly\s+|in\s+)?(?:to|into)\s+(?:the\s+|our\s+|a\s+)?)"
    r"(?P<who>(?:[A-Z][\w&'’.-]*|of|and|&|the|for|,)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&|the|for))*)")
# "Under general supervision of the Custodial Supervisor", "supervised by the Charge Nurse".
_SUPERVISED_BY = re.compile(
    r"\b(?i:(?:under\s+(?:the\s+)?(?:general\s+|direct\s+|close\s+)?(?:supervision|direction)\s+of|"
    r"supervised\s+by|works?\s+under|reporting\s+line\s+is\s+to)\s+(?:the\s+|our\s+|a\s+)?)"
    r"(?P<who>(?:[A-Z][\w&'’.-]*|of|and|&|the|for)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&|the|for))*)")
_REPORTS_TO_LINE = re.compile(r"^\s*reports?\s+to\s*:\s*(?P<who>.+?)\s*$", re.IGNORECASE)
_TIMELINE = re.compile(
    r"\b(?:(?:by|in|before|during|through|until|starting in|beginning in|ahead of)\s+)?"
    r"(?:(?:early|mid|late|the end of|end of)[\s-]+)?"
    r"(?:Q[1-4](?:\s+(?:of\s+)?(?:FY)?\d{2,4})?|FY\s?\d{2,4}|H[12]\s+\d{4}|"
    r"(?:this|next|the coming)\s+(?:fall|spring|summer|winter|autumn|year|quarter|month|"
    r"fiscal year|season)|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{4}|(?:fall|spring|summer|winter|autumn)\s+(?:of\s+)?\d{4}|"
    r"20\d\d|year[- ]end)\b"
    r"|\b(?:within|over|in)\s+the\s+(?:next|coming|first)\s+(?:\d+|two|three|four|six|"
    r"twelve|eighteen|twenty-four)\s+(?:months|years|weeks|quarters)\b"
    r"|\bwithin\s+(?:\d+|two|three|six|twelve|eighteen)\s+(?:months|years|weeks)\b")
# The verbs of a measure moved from one figure to another ("move PM completion from 81% today
# to 95%") and of a score held ("ran a RevPAR index of 94"): found here, read in measures.py.
MOVE_VERBS = (r"(?:move|moving|bring|bringing|take|raise|raising|lift|improve|improving|"
              r"increase|increasing|reduce|reducing|cut|cutting|lower|lowering|grow|growing)")
SCORE_VERBS = r"(?:ran|runs|run|running|has|have|had|with|at|holds?|held)"
# "41% of students scored proficient or above on the math assessment", "68% of the young
# people we place are still working six months later": a share of a group, said with its verb.
SHARE_OF = re.compile(
    r"(?:\b(?:about|nearly|roughly|only|just|more than|over|under|fewer than|less than|almost)"
    r"\s+)?(?P<value>\d[\d.]*%)\s+of\s+(?:our\s+|the\s+|all\s+|its\s+)?"
    r"(?P<group>[a-zA-Z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)\s+"
    r"(?P<verb>are|is|were|was|have|has|had|still|now|currently|did|do|left|got|met|went|came|"
    r"made|took|stay|stayed|remain|remained|pass|score|complete|return|leave|reach|meet|"
    r"graduate|finish|arrive|become|end|go|get|use|buy|renew|[a-z]+ed)\b"
    r"(?P<rest>(?:\s+[\w-]+){0,9}?)(?=\s*[.;,]|\s+(?:by|last|this|in 20\d\d|after|and (?:we|our|"
    r"the))\b|\s*$)")
_BASELINE = re.compile(
    r"(?P<phrase>(?:[\w%&/'’()-]+\s+){1,6}?(?:is|are|was|were|sits?|sat|runs?|ran|running|"
    r"takes?(?: us| them)?|took(?: us| them)?|stands?|"
    r"stood|averages?|averaged|hovers?|fell|dropped|declined|rose|grew|increased|climbed|"
    r"slipped|reached|remains?|has been|have been|currently|(?:has |have )?crept up|"
    r"(?:has |have )?(?:risen|fallen|dropped|grown|gone up|gone down|climbed|slipped))\s+"
    r"(?:at\s+|about\s+|around\s+|"
    r"roughly\s+|nearly\s+|close to\s+|over\s+|under\s+|below\s+|above\s+|from\s+|to\s+|by\s+|"
    r"an average of\s+|only\s+|just\s+|the\s+(?=\d+(?:st|nd|rd|th)\s+percentile)|~)*"
    r"(?:\$?\d[\d,.]*|(?:one|two|three|four|five)(?=[- ]stars?\b)|(?:two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)(?= (?:business |working )?"
    r"(?:days|weeks|months|hours)\b))"
    r"(?:(?:st|nd|rd|th)\s+percentile\b|[- ]stars?\b|\s*(?:%|percent|percentage points|days|"
    r"business days|hours|minutes|weeks|points|ms|x|k|m|million|billion))?"
    r"(?:\s+(?:a|per|each)\s+(?:day|week|month|year|shift|quarter)\b)?"  # "about 40 a month"
    r"(?:\s+(?:to|from)\s+\$?\d[\d,.]*\s*(?:%|percent|days|hours|minutes)?)?"
    r"(?:\s+(?:business\s+)?(?:days|hours|minutes))?)"
    r"|(?P<current>(?:[\w%&/'’-]+\s+){0,5}[\w%&/'’-]+,?\s+\(?currently\s+(?:at\s+|about\s+|~)?"
    r"\$?\d[\d,.]*\s*(?:%|percent|days|hours|minutes|ms)?(?:\s+of\s+(?:[\w-]+\s+)?[\w-]+)?)(?=[,);])"
    r"|(?P<amount>\b(?:ran|posted|recorded|reported|had|closed [\w ]{0,20}?with) an? \$[\d,.]+"
    r"\s*(?:k|m|million|billion)? (?:operating |net |budget |annual )?"
    r"(?:deficit|loss|shortfall))"
    r"|(?P<average>average of \d[\d,.]*\s*(?:days|hours|minutes|weeks)\s+(?:from|to|for)\s+"
    r"[\w-]+(?:\s+(?:to|from)\s+[\w-]+)?)"
    r"|(?P<target>\$?\d[\d,.]*\s*%?\s+(?:[\w-]+\s+){0,3}target\b)"
    r"|(?P<goal>target\s+of\s+\$?\d[\d,.]*\s*%?(?:\s+[\w-]+){0,3})"
    # "ran a RevPAR index of 94", "with a customer satisfaction score of 88"
    rf"|(?P<scoreof>\b{SCORE_VERBS}\s+(?:a|an)\s+"
    r"(?:[\w&/'’-]+\s+){0,4}?(?:index|score|rating|ratio|margin)\s+of\s+\$?\d[\d,.]*\s*%?)"
    # "We hold ourselves to 99.5% inventory accuracy", "our standard of 99.6% order accuracy"
    r"|(?P<standard>\b(?:hold\s+(?:ourselves|itself)\s+to|standard\s+of|maintain|"
    r"maintains|maintaining|run at|runs at|running at)\s+\d[\d.]*%\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:accuracy|on-time\s+\w+|fill\s+rate|uptime|utilization|occupancy|attendance|"
    r"compliance|completion)\b)"
    # "we hold a 4-star overall rating from CMS", "We have a 4-star CMS rating"
    r"|(?P<stars>\b(?:hold|holds|held|have|has|had|with|earned|carry|carries)\s+(?:a|an)\s+"
    r"(?:\d|one|two|three|four|five)[- ]star\s+(?:[\w-]+\s+){0,2}?rating\b)"
    # "move PM completion from 81% today to 95% before the survey": a measure with its goal
    rf"|(?P<move>\b{MOVE_VERBS}\s+"
    r"(?:[\w&/'’-]+\s+){1,9}?from\s+(?:\$\d[\d,.]*\s*(?:k|m|million)?|\d[\d,.]*\s*%)"
    r"(?:\s+(?:today|now|currently))?\s+"
    r"to\s+(?:under\s+|below\s+|above\s+|over\s+)?\$?\d[\d,.]*\s*(?:%|k|m|million)?"
    r"(?:\s+(?:by|before|within)\s+[\w-]+(?:\s+[\w-]+){0,3})?)",
    re.IGNORECASE)
_AMOUNT = re.compile(
    rf"\b(?P<n>{_NUMBER_WORDS}(?:\s*(?:%|percent|k|m|million|billion))?)\s+"
    r"(?P<what>(?:[a-z][\w-]*\s+){0,2}?(?:hospitals|clinics|stores|locations|sites|plants|"
    r"warehouses|buildings|distribution centers|facilities|restaurants|hotels|properties|"
    r"rooms|beds|schools|campuses|branches|countries|states|offices|employees|caregivers|"
    r"team members|people|staff|associates|drivers|trucks|tractors|vehicles|customers|clients|"
    r"patients|students|members|residents|guests|users|merchants|orders|shipments|pallets|"
    r"units|skus|cases|visits|claims|policies|accounts|loans|meals|covers|miles|square feet|"
    r"sq\. ft\.|lines|shifts|brands|products|partners|apartments|homes|acres|megawatts|MW))\b",
    re.IGNORECASE)


@dataclass
class Entities:
    systems: list[str] = field(default_factory=list)
    regulations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    manager: str = ""  # the stated reporting line: "the Director of Financial Planning"
    manager_sentence: str = ""
    team: str = ""  # the team to lead, as written: "a team of 18 associates"
    team_size: int = 0  # how many people it counts: 18; "12–18 room attendants" is 18
    team_sentence: str = ""
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (phrase, sentence)
    baselines: list[tuple[str, str]] = field(default_factory=list)  # (phrase, sentence)
    timelines: list[tuple[str, str]] = field(default_factory=list)  # (phrase, sentence)


MAX_NAME_WORDS = 6


def _written_as(name: str, written: str) -> bool:
    """Whether the words are the name as its owner writes it: "an epic week" is no Epic, so a
    capitalised name must be written capitalised, and a short all-capitals one exactly."""
    if len(name) <= 4 and name.isupper():
        return written == name
    return name == name.lower() or written != written.lower()


def _proper(word: str) -> bool:
    """A capitalized word that is no acronym ("Pack", not "POS"). A code after a name
    ("AWS D1.1", the welding code) makes it a standard, not the system, as well."""
    return word[:1].isupper() and not word.isupper()


def _sentence_start(sentence: str, word: str) -> bool:
    return sentence.lstrip().startswith(word)


def negated(sentence: str, start: int, end: int, negation: dict[str, re.Pattern[str]]) -> bool:
    """Whether the words at start:end are said not to apply ("no CDL needed", "HIPAA training
    is not required"): ad.yaml's `negation`, matched just before and just after them."""
    return bool(negation["before"].search(sentence[max(0, start - 20):start])
                or negation["after"].search(sentence[end:end + 60]))


def _names(index: dict[tuple[str, ...], str], sentences: list[str],
           whole_names: bool = False,
           negation: dict[str, re.Pattern[str]] | None = None) -> list[str]:
    """The names of the index found in the sentences, as the ad writes them, the longest
    name at each word first."""
    first_words = {key[0] for key in index}
    found: list[str] = []
    for sentence in sentences:
        words = NAME_WORD.findall(sentence)
        lower = [w.lower() for w in words]
        i = 0
        while i < len(words):
            step = 1
            if lower[i] in first_words:
                for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                    name = index.get(tuple(lower[i:i + n]))
                    written = " ".join(words[i:i + n]) if name else ""
                    # A one-word name inside a longer proper name is that name's ("Pack
                    # Square", "Union Square Cafe"), not the system.
                    inside = whole_names and n == 1 and (
                        i > 0 and _proper(words[i - 1])
                        and not _sentence_start(sentence, words[i - 1])
                        or i + 1 < len(words) and (_proper(words[i + 1])
                                                   or re.search(r"\d", words[i + 1])))
                    if name and negation and _written_as(name, written):
                        at = sentence.find(written)
                        inside = inside or negated(sentence, at, at + len(written), negation)
                    if name and _written_as(name, written) and not inside:
                        if not any(written.lower() in f.lower() for f in found):
                            found = [f for f in found if f.lower() not in written.lower()]
                            found.append(written)
                        step = n
                        break
            i += step
    return found


def _clean_manager(who: str) -> str:
    who = re.split(r"\s+(?:and|who|to|for)\s+(?=[a-z])|,\s", who)[0]
    words = who.split()
    while words and words[-1].lower() in ("of", "and", "&", "the", "for", ","):
        words.pop()
    return " ".join(words).rstrip(".,;:")


def _team(sentence: str, spec: dict[str, re.Pattern[str]]) -> str:
    """The team the role leads, as written: "a crew of 12 barn workers", "16 welders and
    fitters", "74 RNs, 16 patient care technicians and 4 unit secretaries"; "" if none."""
    for lead in spec["lead"].finditer(sentence):
        rest = sentence[lead.end():]
        end = spec["end"].search(rest, spec["count"].match(rest).end())
        # A list goes on past its commas while what follows names people: "85 RNs, LPNs and
        # CNAs", not "85 RNs".
        while end and end.group(0) == "," and spec["nouns"].search(
                " ".join(rest[end.end():].split()[:4])):
            end = spec["end"].search(rest, end.end())
        people = rest[:end.start() if end else len(rest)].strip().rstrip(",")
        # Without a group, the count must be of people: "manage 3 projects" is no team.
        if lead.group("group"):
            return f"{lead.group('group')}{people}".strip()
        if spec["nouns"].search(people) and len(people.split()) <= 12:
            return people
    return ""


_COUNTED = re.compile(rf"\b(?:\d+|{'|'.join(COUNT_WORDS)})\b", re.IGNORECASE)


def _team_size(team: str) -> int:
    """The people a team counts: "74 RNs, 16 technicians and 4 secretaries" is 94, "12–18
    room attendants" up to 18."""
    counts = [int(c) if c.isdigit() else COUNT_WORDS[c.lower()]
              for c in _COUNTED.findall(team.replace(",", ""))]
    lows = re.findall(r"(\d+)\s*(?:[-–]|to)\s*\d+", team)  # a range counts its top
    return sum(counts) - sum(int(low) for low in lows)


def find_entities(sentences: list[str], header: list[str], library: Library) -> Entities:
    """The entities in the sentences about the company and the role (and, for the reporting
    line and places, the header lines)."""
    spec = library.entities
    found = Entities()
    everything = header + sentences
    found.systems = _names(spec["systems"], sentences, whole_names=True)
    found.regulations = _names(spec["regulations"], sentences,
                               negation=library.ad["negation"])
    found.places = _names(spec["places"], everything)
    for line in everything:
        match = (_REPORTS_TO_LINE.match(line) or _REPORTS_TO.search(line)
                 or _SUPERVISED_BY.search(line))
        if match:
            who = _clean_manager(match.group("who"))
            if who and who[0].isupper():
                found.manager, found.manager_sentence = who, line
                break
    for sentence in sentences:
        if not found.team:
            found.team = _team(sentence, spec["team"])
            found.team_sentence = sentence if found.team else ""
            found.team_size = _team_size(found.team)
        for m in _AMOUNT.finditer(sentence):
            found.numbers.append((f"{m.group('n')} {m.group('what')}", sentence))
        for m in _BASELINE.finditer(sentence):
            # "is 118 minutes." without the sentence's full stop
            phrase = (m.group("phrase") or m.group("current") or m.group("amount")
                      or m.group("average")
                      or m.group("target") or m.group("goal")
                      or m.group("move") or m.group("scoreof")
                      or m.group("standard") or m.group("stars")).strip(" .,;:")
            if re.search(r"\d|\b(?:one|two|three|four|five)[- ]stars?\b|\b(?:two|three|four|"
                         r"five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty) "
                         r"(?:business |working )?(?:days|weeks|months|hours)\b", phrase):
                found.baselines.append((phrase, sentence))
        for m in SHARE_OF.finditer(sentence):
            if not any(m.group("value") in phrase for phrase, said in found.baselines
                       if said == sentence):
                found.baselines.append((m.group(0).strip(), sentence))
        for m in _TIMELINE.finditer(sentence):
            found.timelines.append((m.group(0).strip(), sentence))
    return found


_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"), start=1)}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_WHEN = re.compile(r"\b(?:(?P<month>january|february|march|april|may|june|july|august|september|"
                   r"october|november|december)|(?P<season>spring|summer|fall|autumn|winter)|"
                   r"q(?P<quarter>[1-4])|(?P<ordinal>first|second|third|fourth) quarter)"
                   r"(?:,? (?:of )?(?P<year>20\d\d))?\b|\b(?P<next_year>next year)\b",
                   re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def stated_date(sentence: str, today: dt.date) -> dt.date | None:
    """The first date a sentence gives ("in March 2027", "this fall", "in Q3", "next year"),
    as the first day of it; a month or season without a year is its next one from today.
    "May" is read only with a year or after "in"/"by": it is a verb too."""
    for match in _WHEN.finditer(sentence):
        if match["next_year"]:
            return dt.date(today.year + 1, 1, 1)
        if match["month"] and match["month"].lower() == "may" and not match["year"] and \
                not re.match(r" \d", sentence[match.end():]) and \
                not re.search(r"\b(?:in|by|on|from|until|through) $",
                              sentence[:match.start()].lower()[-8:]):
            continue
        quarter = match["quarter"] or _ORDINALS.get((match["ordinal"] or "").lower())
        month = _MONTHS.get((match["month"] or "").lower()) or \
            _SEASONS.get((match["season"] or "").lower()) or \
            (3 * (int(quarter) - 1) + 1 if quarter else None)
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else \
            today.year + (1 if month < today.month else 0)
        return dt.date(year, month, 1)
    return None
